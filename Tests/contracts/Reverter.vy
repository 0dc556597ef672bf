# pragma version 0.4.3
# @title Reverter
# @notice Reverts in each shape a client must decode: Error(string), Panic(uint256), a custom
#         error, empty data, and an out-of-gas style failure.

@external
@view
def failWithReason(_reason: String[100]):
    raise _reason


@external
@view
def failWithPanic(_code: uint256):
    raw_revert(concat(method_id("Panic(uint256)"), convert(_code, bytes32)))


@external
@view
def failWithCustom(_account: address, _amount: uint256):
    # InsufficientBalance(address account, uint256 amount)
    raw_revert(concat(method_id("InsufficientBalance(address,uint256)"), convert(_account, bytes32), convert(_amount, bytes32)))


@external
@view
def failEmpty():
    raw_revert(b"")


@external
@view
def succeed(_value: uint256) -> uint256:
    return _value + 1
