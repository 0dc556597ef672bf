# pragma version 0.4.3
"""
@title IntegrationRegistry stand-in
@notice Maps (module, keccak256(name)) to an adapter address, as Set Protocol's
        IntegrationRegistry does. Names are exact and case-sensitive.
"""

owner: public(address)
integrations: HashMap[address, HashMap[bytes32, address]]


@deploy
def __init__():
    self.owner = msg.sender


@external
def addIntegration(_module: address, _name: String[64], _adapter: address):
    """
    @notice Registers `_adapter` for `_module` under `_name`.
    """
    assert msg.sender == self.owner, "Ownable: caller is not the owner"
    hash: bytes32 = keccak256(_name)
    assert self.integrations[_module][hash] == empty(address), "Integration exists already."
    assert _adapter != empty(address), "Adapter address must exist."
    self.integrations[_module][hash] = _adapter


@external
def removeIntegration(_module: address, _name: String[64]):
    """
    @notice Removes the adapter registered for `_module` under `_name`.
    """
    assert msg.sender == self.owner, "Ownable: caller is not the owner"
    hash: bytes32 = keccak256(_name)
    assert self.integrations[_module][hash] != empty(address), "Integration does not exist."
    self.integrations[_module][hash] = empty(address)


@view
@external
def getIntegrationAdapter(_module: address, _name: String[64]) -> address:
    return self.integrations[_module][keccak256(_name)]


@view
@external
def getIntegrationAdapterWithHash(_module: address, _nameHash: bytes32) -> address:
    return self.integrations[_module][_nameHash]


@view
@external
def isValidIntegration(_module: address, _name: String[64]) -> bool:
    return self.integrations[_module][keccak256(_name)] != empty(address)
