# pragma version 0.4.3
"""
@title BoundedStepwiseLinearPriceAdapter stand-in
@notice auction-module.md §3.3: price = initialPrice ± slope·⌊t/bucketSize⌋, clamped to
        [minPrice, maxPrice], with the same overflow guards as the Solidity 0.8.17 code.
        Config: abi.encode(uint256 initialPrice, uint256 slope, uint256 bucketSize,
        bool isDecreasing, uint256 maxPrice, uint256 minPrice). Trailing data is ignored,
        short data and a bool word other than 0/1 revert, as with abi.decode.
"""


struct LinearParams:
    initialPrice: uint256
    slope: uint256
    bucketSize: uint256
    isDecreasing: bool
    maxPrice: uint256
    minPrice: uint256


@pure
@internal
def _word(_data: Bytes[1024], _index: uint256) -> uint256:
    return convert(extract32(_data, _index * 32), uint256)


@pure
@internal
def _decode(_data: Bytes[1024]) -> LinearParams:
    flag: uint256 = self._word(_data, 3)
    assert flag <= 1
    return LinearParams(
        initialPrice=self._word(_data, 0),
        slope=self._word(_data, 1),
        bucketSize=self._word(_data, 2),
        isDecreasing=flag == 1,
        maxPrice=self._word(_data, 4),
        minPrice=self._word(_data, 5),
    )


@pure
@internal
def _areParamsValid(_initialPrice: uint256, _slope: uint256, _bucketSize: uint256, _maxPrice: uint256, _minPrice: uint256) -> bool:
    return _initialPrice > 0 and _slope > 0 and _bucketSize > 0 and _initialPrice <= _maxPrice and _initialPrice >= _minPrice


@pure
@external
def getPrice(_setToken: address, _component: address, _componentQuantity: uint256, _timeElapsed: uint256, _duration: uint256, _priceAdapterConfigData: Bytes[1024]) -> uint256:
    p: LinearParams = self._decode(_priceAdapterConfigData)
    assert self._areParamsValid(p.initialPrice, p.slope, p.bucketSize, p.maxPrice, p.minPrice), "BoundedStepwiseLinearPriceAdapter: Invalid params"
    bucket: uint256 = _timeElapsed // p.bucketSize
    if bucket > max_value(uint256) // p.slope:
        if p.isDecreasing:
            return p.minPrice
        return p.maxPrice
    change: uint256 = bucket * p.slope
    if p.isDecreasing:
        if change > p.initialPrice:
            return p.minPrice
        return max(p.initialPrice - change, p.minPrice)
    if change > max_value(uint256) - p.initialPrice:
        return p.maxPrice
    return min(p.initialPrice + change, p.maxPrice)


@pure
@external
def isPriceAdapterConfigDataValid(_priceAdapterConfigData: Bytes[1024]) -> bool:
    p: LinearParams = self._decode(_priceAdapterConfigData)
    return self._areParamsValid(p.initialPrice, p.slope, p.bucketSize, p.maxPrice, p.minPrice)


@pure
@external
def areParamsValid(_initialPrice: uint256, _slope: uint256, _bucketSize: uint256, _maxPrice: uint256, _minPrice: uint256) -> bool:
    return self._areParamsValid(_initialPrice, _slope, _bucketSize, _maxPrice, _minPrice)


@pure
@external
def getEncodedData(_initialPrice: uint256, _slope: uint256, _bucketSize: uint256, _isDecreasing: bool, _maxPrice: uint256, _minPrice: uint256) -> Bytes[192]:
    return abi_encode(_initialPrice, _slope, _bucketSize, _isDecreasing, _maxPrice, _minPrice)


@pure
@external
def getDecodedData(_data: Bytes[1024]) -> (uint256, uint256, uint256, bool, uint256, uint256):
    p: LinearParams = self._decode(_data)
    return p.initialPrice, p.slope, p.bucketSize, p.isDecreasing, p.maxPrice, p.minPrice
