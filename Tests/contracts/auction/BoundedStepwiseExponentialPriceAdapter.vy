# pragma version 0.4.3
"""
@title BoundedStepwiseExponentialPriceAdapter stand-in
@notice auction-module.md §3.4: price = initialPrice ± mulWad(scalingFactor,
        expWad(timeCoefficient·⌊t/bucketSize⌋) − 1e18), clamped to [minPrice, maxPrice],
        with the Solidity 0.8.17 code's guards (exponent above 100e18 or an overflowing
        scale returns the bound).
        Config: abi.encode(uint256 initialPrice, uint256 scalingFactor, uint256
        timeCoefficient, uint256 bucketSize, bool isDecreasing, uint256 maxPrice, uint256
        minPrice). Trailing data is ignored, short data and a bool word other than 0/1 revert.
"""

import FixedPointMath

WAD: constant(uint256) = 10 ** 18
MAX_EXP_ARG: constant(uint256) = 100 * 10 ** 18


struct CurveParams:
    initialPrice: uint256
    scalingFactor: uint256
    timeCoefficient: uint256
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
def _decode(_data: Bytes[1024]) -> CurveParams:
    flag: uint256 = self._word(_data, 4)
    assert flag <= 1
    return CurveParams(
        initialPrice=self._word(_data, 0),
        scalingFactor=self._word(_data, 1),
        timeCoefficient=self._word(_data, 2),
        bucketSize=self._word(_data, 3),
        isDecreasing=flag == 1,
        maxPrice=self._word(_data, 5),
        minPrice=self._word(_data, 6),
    )


@pure
@internal
def _areParamsValid(_initialPrice: uint256, _scalingFactor: uint256, _timeCoefficient: uint256, _bucketSize: uint256, _maxPrice: uint256, _minPrice: uint256) -> bool:
    return _initialPrice > 0 and _scalingFactor > 0 and _timeCoefficient > 0 and _bucketSize > 0 and _initialPrice <= _maxPrice and _initialPrice >= _minPrice


@pure
@external
def getPrice(_setToken: address, _component: address, _componentQuantity: uint256, _timeElapsed: uint256, _duration: uint256, _priceAdapterConfigData: Bytes[1024]) -> uint256:
    p: CurveParams = self._decode(_priceAdapterConfigData)
    assert self._areParamsValid(p.initialPrice, p.scalingFactor, p.timeCoefficient, p.bucketSize, p.maxPrice, p.minPrice), "BoundedStepwiseExponentialPriceAdapter: Invalid params"
    bound: uint256 = p.maxPrice
    if p.isDecreasing:
        bound = p.minPrice
    bucket: uint256 = _timeElapsed // p.bucketSize
    if bucket > convert(max_value(int256), uint256) // p.timeCoefficient:
        return bound
    exponent: uint256 = p.timeCoefficient * bucket
    if exponent > MAX_EXP_ARG:
        return bound
    e: uint256 = convert(FixedPointMath.expWad(convert(exponent, int256)), uint256)
    if p.scalingFactor > max_value(uint256) // e:
        return bound
    change: uint256 = FixedPointMath.mulWad(p.scalingFactor, e - WAD)
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
    p: CurveParams = self._decode(_priceAdapterConfigData)
    return self._areParamsValid(p.initialPrice, p.scalingFactor, p.timeCoefficient, p.bucketSize, p.maxPrice, p.minPrice)


@pure
@external
def areParamsValid(_initialPrice: uint256, _scalingFactor: uint256, _timeCoefficient: uint256, _bucketSize: uint256, _maxPrice: uint256, _minPrice: uint256) -> bool:
    return self._areParamsValid(_initialPrice, _scalingFactor, _timeCoefficient, _bucketSize, _maxPrice, _minPrice)


@pure
@external
def getEncodedData(_initialPrice: uint256, _scalingFactor: uint256, _timeCoefficient: uint256, _bucketSize: uint256, _isDecreasing: bool, _maxPrice: uint256, _minPrice: uint256) -> Bytes[224]:
    return abi_encode(_initialPrice, _scalingFactor, _timeCoefficient, _bucketSize, _isDecreasing, _maxPrice, _minPrice)


@pure
@external
def getDecodedData(_data: Bytes[1024]) -> (uint256, uint256, uint256, uint256, bool, uint256, uint256):
    p: CurveParams = self._decode(_data)
    return p.initialPrice, p.scalingFactor, p.timeCoefficient, p.bucketSize, p.isDecreasing, p.maxPrice, p.minPrice
