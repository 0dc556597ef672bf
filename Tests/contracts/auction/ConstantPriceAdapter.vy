# pragma version 0.4.3
"""
@title ConstantPriceAdapter stand-in
@notice auction-module.md §3.2: the price is the single uint256 of the config data.
        Like Solidity's abi.decode, trailing data is ignored and data shorter than
        32 bytes reverts.
"""


@pure
@internal
def _decode(_data: Bytes[1024]) -> uint256:
    return convert(extract32(_data, 0), uint256)


@pure
@external
def getPrice(_setToken: address, _component: address, _componentQuantity: uint256, _timeElapsed: uint256, _duration: uint256, _priceAdapterConfigData: Bytes[1024]) -> uint256:
    price: uint256 = self._decode(_priceAdapterConfigData)
    assert price > 0, "ConstantPriceAdapter: Price must be greater than 0"
    return price


@pure
@external
def isPriceAdapterConfigDataValid(_priceAdapterConfigData: Bytes[1024]) -> bool:
    return self._decode(_priceAdapterConfigData) > 0


@pure
@external
def getEncodedData(_price: uint256) -> Bytes[32]:
    return abi_encode(_price)


@pure
@external
def getDecodedData(_data: Bytes[1024]) -> uint256:
    return self._decode(_data)
