# pragma version 0.4.3
"""
@title Controller stand-in
@notice The parts of Set Protocol's Controller the auction module reads: module fees
        (`getModuleFee(module, index)`, index 0 is the auction protocol fee), the fee
        recipient, the set and module registries and `resourceId(0)` (the
        IntegrationRegistry). The deployer (`owner`) configures everything.
"""

owner: public(address)
feeRecipient: public(address)
isSet: public(HashMap[address, bool])
isModule: public(HashMap[address, bool])
isResource: public(HashMap[address, bool])
resourceId: public(HashMap[uint256, address])
fees: HashMap[address, HashMap[uint256, uint256]]
sets: DynArray[address, 256]
modules: DynArray[address, 64]


@deploy
def __init__(_feeRecipient: address):
    self.owner = msg.sender
    self.feeRecipient = _feeRecipient


@internal
def _onlyOwner():
    assert msg.sender == self.owner, "Ownable: caller is not the owner"


@external
def addSet(_setToken: address):
    """
    @notice Registers `_setToken` as a controller-enabled SetToken.
    """
    self._onlyOwner()
    assert not self.isSet[_setToken], "Set already exists"
    self.isSet[_setToken] = True
    self.sets.append(_setToken)


@external
def addModule(_module: address):
    """
    @notice Registers `_module` as an enabled module.
    """
    self._onlyOwner()
    assert not self.isModule[_module], "Module already exists"
    self.isModule[_module] = True
    self.modules.append(_module)


@external
def addResource(_resource: address, _id: uint256):
    """
    @notice Registers `_resource` under `_id` (0 = IntegrationRegistry).
    """
    self._onlyOwner()
    assert self.resourceId[_id] == empty(address), "Resource ID already exists"
    self.isResource[_resource] = True
    self.resourceId[_id] = _resource


@external
def editFee(_module: address, _feeType: uint256, _newFeePercentage: uint256):
    """
    @notice Sets the fee of `_module` at index `_feeType` (precise units, 1e18 = 100 %).
    """
    self._onlyOwner()
    assert self.isModule[_module], "Module does not exist"
    self.fees[_module][_feeType] = _newFeePercentage


@external
def editFeeRecipient(_newFeeRecipient: address):
    """
    @notice Changes the protocol fee recipient.
    """
    self._onlyOwner()
    assert _newFeeRecipient != empty(address), "Address must not be 0"
    self.feeRecipient = _newFeeRecipient


@view
@external
def getModuleFee(_module: address, _feeType: uint256) -> uint256:
    return self.fees[_module][_feeType]


@view
@external
def isSystemContract(_contract: address) -> bool:
    return self.isSet[_contract] or self.isModule[_contract] or self.isResource[_contract] or _contract == self


@view
@external
def getModules() -> DynArray[address, 64]:
    return self.modules


@view
@external
def getSets() -> DynArray[address, 256]:
    return self.sets
