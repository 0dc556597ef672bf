# pragma version 0.4.3
"""
@title SetToken stand-in
@notice A SetToken-shaped ERC20 (auction-module.md §2.6, §2.8, §4): components with
        default positions stored as virtual units, virtual = ⌊real·1e18/pm⌋ and
        real = ⌊virtual·pm/1e18⌋ (rounding toward −∞), the "Real to Virtual unit
        conversion invalid" / "Virtual to Real unit conversion invalid" checks, append and
        swap-and-pop component lists, modules (pending → initialized), lock/unlock and
        `invoke` for modules. External positions are not supported: every component's
        external module list is empty.
        Test helpers: the manager (as well as a module) may `mint`/`burn` and
        `editPositionMultiplier`, e.g. to simulate streaming-fee drift.
"""

interface IModule:
    def removeModule(): nonpayable

MAX_COMPONENTS: constant(uint256) = 64
MAX_MODULES: constant(uint256) = 16
PRECISE_UNIT: constant(int256) = 10 ** 18

# ModuleState: 0 NONE, 1 PENDING, 2 INITIALIZED
NOT_ADDED: constant(uint8) = 0
PENDING: constant(uint8) = 1
INITIALIZED: constant(uint8) = 2

struct Position:
    component: address
    module: address
    unit: int256
    positionState: uint8
    data: Bytes[32]

event Transfer:
    sender: indexed(address)
    receiver: indexed(address)
    value: uint256

event Approval:
    owner: indexed(address)
    spender: indexed(address)
    value: uint256

event Invoked:
    _target: indexed(address)
    _value: indexed(uint256)
    _data: Bytes[1024]
    _returnValue: Bytes[1024]

event ModuleAdded:
    _module: indexed(address)

event ModuleRemoved:
    _module: indexed(address)

event PendingModuleRemoved:
    _module: indexed(address)

event ModuleInitialized:
    _module: indexed(address)

event ManagerEdited:
    _newManager: address
    _oldManager: address

event PositionMultiplierEdited:
    _newMultiplier: int256

event ComponentAdded:
    _component: indexed(address)

event ComponentRemoved:
    _component: indexed(address)

event DefaultPositionUnitEdited:
    _component: indexed(address)
    _realUnit: int256

name: public(String[64])
symbol: public(String[32])
totalSupply: public(uint256)
balanceOf: public(HashMap[address, uint256])
allowance: public(HashMap[address, HashMap[address, uint256]])

controller: public(address)
manager: public(address)
locker: public(address)
isLocked: public(bool)
positionMultiplier: public(int256)
moduleStates: public(HashMap[address, uint8])

components: DynArray[address, MAX_COMPONENTS]
virtualUnits: HashMap[address, int256]
modules: DynArray[address, MAX_MODULES]


@deploy
def __init__(_components: DynArray[address, MAX_COMPONENTS], _units: DynArray[int256, MAX_COMPONENTS], _modules: DynArray[address, MAX_MODULES], _controller: address, _manager: address, _name: String[64], _symbol: String[32]):
    assert len(_components) == len(_units), "Components and units length mismatch"
    self.name = _name
    self.symbol = _symbol
    self.controller = _controller
    self.manager = _manager
    self.positionMultiplier = PRECISE_UNIT
    for i: uint256 in range(len(_components), bound=MAX_COMPONENTS):
        c: address = _components[i]
        assert c != empty(address), "Component must not be null address"
        assert _units[i] > 0, "Units must be greater than 0"
        assert self.virtualUnits[c] == 0, "Components must not have a duplicate"
        self.virtualUnits[c] = _units[i]
        self.components.append(c)
    for m: address in _modules:
        assert self.moduleStates[m] == NOT_ADDED, "Module must not be added"
        self.moduleStates[m] = PENDING


# -- fixed-point helpers (PreciseUnitMath, signed, rounding toward −∞) ----------------------

@pure
@internal
def _divDown(_a: int256, _b: int256) -> int256:
    assert _b != 0, "Cant divide by 0"
    result: int256 = unsafe_div(_a, _b)
    if (_a ^ _b) < 0 and _a % _b != 0:
        result -= 1
    return result


@pure
@internal
def _conservativePreciseMul(_a: int256, _b: int256) -> int256:
    return self._divDown(_a * _b, PRECISE_UNIT)


@pure
@internal
def _conservativePreciseDiv(_a: int256, _b: int256) -> int256:
    return self._divDown(_a * PRECISE_UNIT, _b)


@view
@internal
def _virtualToReal(_virtualUnit: int256) -> int256:
    return self._conservativePreciseMul(_virtualUnit, self.positionMultiplier)


@view
@internal
def _realToVirtual(_realUnit: int256) -> int256:
    virtualUnit: int256 = self._conservativePreciseDiv(_realUnit, self.positionMultiplier)
    if _realUnit > 0 and virtualUnit == 0:
        raise "Real to Virtual unit conversion invalid"
    if _realUnit > 0 and self._virtualToReal(virtualUnit) == 0:
        raise "Virtual to Real unit conversion invalid"
    return virtualUnit


# -- access --------------------------------------------------------------------------------

@view
@internal
def _onlyModule():
    assert self.moduleStates[msg.sender] == INITIALIZED, "Only the module can call"


@view
@internal
def _onlyManager():
    assert msg.sender == self.manager, "Only manager can call"


@view
@internal
def _onlyModuleOrManager():
    assert self.moduleStates[msg.sender] == INITIALIZED or msg.sender == self.manager, "Only the module or manager can call"


@view
@internal
def _whenLockedOnlyLocker():
    if self.isLocked:
        assert msg.sender == self.locker, "When locked, only the locker can call"


# -- ERC20 ---------------------------------------------------------------------------------

@view
@external
def decimals() -> uint8:
    return 18


@internal
def _transfer(_from: address, _to: address, _amount: uint256):
    assert _to != empty(address), "ERC20: transfer to the zero address"
    assert self.balanceOf[_from] >= _amount, "ERC20: transfer amount exceeds balance"
    self.balanceOf[_from] -= _amount
    self.balanceOf[_to] += _amount
    log Transfer(sender=_from, receiver=_to, value=_amount)


@external
def transfer(_to: address, _amount: uint256) -> bool:
    self._transfer(msg.sender, _to, _amount)
    return True


@external
def transferFrom(_from: address, _to: address, _amount: uint256) -> bool:
    allowed: uint256 = self.allowance[_from][msg.sender]
    assert allowed >= _amount, "ERC20: transfer amount exceeds allowance"
    if allowed != max_value(uint256):
        self.allowance[_from][msg.sender] = allowed - _amount
    self._transfer(_from, _to, _amount)
    return True


@external
def approve(_spender: address, _amount: uint256) -> bool:
    self.allowance[msg.sender][_spender] = _amount
    log Approval(owner=msg.sender, spender=_spender, value=_amount)
    return True


@external
def mint(_account: address, _quantity: uint256):
    """
    @notice Mints `_quantity` Sets to `_account` (a module or, for tests, the manager).
            Component balances are not moved: fund the Set separately.
    """
    self._onlyModuleOrManager()
    self._whenLockedOnlyLocker()
    assert _account != empty(address), "ERC20: mint to the zero address"
    self.totalSupply += _quantity
    self.balanceOf[_account] += _quantity
    log Transfer(sender=empty(address), receiver=_account, value=_quantity)


@external
def burn(_account: address, _quantity: uint256):
    """
    @notice Burns `_quantity` Sets of `_account` (a module or, for tests, the manager).
    """
    self._onlyModuleOrManager()
    self._whenLockedOnlyLocker()
    assert self.balanceOf[_account] >= _quantity, "ERC20: burn amount exceeds balance"
    self.balanceOf[_account] -= _quantity
    self.totalSupply -= _quantity
    log Transfer(sender=_account, receiver=empty(address), value=_quantity)


# -- modules and lock ----------------------------------------------------------------------

@external
def addModule(_module: address):
    self._onlyManager()
    assert self.moduleStates[_module] == NOT_ADDED, "Module must not be added"
    self.moduleStates[_module] = PENDING
    log ModuleAdded(_module=_module)


@external
def removeModule(_module: address):
    """
    @notice Removes an initialized module after calling its `removeModule()` hook.
    """
    self._onlyManager()
    assert not self.isLocked, "Only when unlocked"
    assert self.moduleStates[_module] == INITIALIZED, "Module must be added"
    extcall IModule(_module).removeModule()
    self.moduleStates[_module] = NOT_ADDED
    for i: uint256 in range(len(self.modules), bound=MAX_MODULES):
        if self.modules[i] == _module:
            last: uint256 = len(self.modules) - 1
            if i != last:
                self.modules[i] = self.modules[last]
            self.modules.pop()
            break
    log ModuleRemoved(_module=_module)


@external
def initializeModule():
    assert not self.isLocked, "Only when unlocked"
    assert self.moduleStates[msg.sender] == PENDING, "Module must be pending"
    self.moduleStates[msg.sender] = INITIALIZED
    self.modules.append(msg.sender)
    log ModuleInitialized(_module=msg.sender)


@external
def setManager(_manager: address):
    self._onlyManager()
    assert not self.isLocked, "Only when unlocked"
    old: address = self.manager
    self.manager = _manager
    log ManagerEdited(_newManager=_manager, _oldManager=old)


@external
def lock():
    self._onlyModule()
    assert not self.isLocked, "Must not be locked"
    self.locker = msg.sender
    self.isLocked = True


@external
def unlock():
    self._onlyModule()
    assert self.isLocked, "Must be locked"
    assert self.locker == msg.sender, "Must be locker"
    self.locker = empty(address)
    self.isLocked = False


@external
def invoke(_target: address, _value: uint256, _data: Bytes[1024]) -> Bytes[1024]:
    """
    @notice Calls `_target` with `_data` on behalf of the Set (module only) and returns
            the call's return data; a failing call's revert data is bubbled up.
    """
    self._onlyModule()
    self._whenLockedOnlyLocker()
    result: Bytes[1024] = raw_call(_target, _data, max_outsize=1024, value=_value)
    log Invoked(_target=_target, _value=_value, _data=_data, _returnValue=result)
    return result


# -- positions -----------------------------------------------------------------------------

@external
def addComponent(_component: address):
    self._onlyModule()
    self._whenLockedOnlyLocker()
    assert not self._isComponent(_component), "Must not be component"
    self.components.append(_component)
    log ComponentAdded(_component=_component)


@external
def removeComponent(_component: address):
    """
    @notice Removes `_component` by swap-and-pop: the last component takes its slot.
    """
    self._onlyModule()
    self._whenLockedOnlyLocker()
    n: uint256 = len(self.components)
    for i: uint256 in range(n, bound=MAX_COMPONENTS):
        if self.components[i] == _component:
            if i != n - 1:
                self.components[i] = self.components[n - 1]
            self.components.pop()
            log ComponentRemoved(_component=_component)
            return
    raise "Address not in array."


@external
def editDefaultPositionUnit(_component: address, _realUnit: int256):
    self._onlyModule()
    self._whenLockedOnlyLocker()
    self.virtualUnits[_component] = self._realToVirtual(_realUnit)
    log DefaultPositionUnitEdited(_component=_component, _realUnit=_realUnit)


@external
def editPositionMultiplier(_newMultiplier: int256):
    """
    @notice Sets the position multiplier (a module or, for tests, the manager). Every
            component's real unit must stay above zero ("New multiplier too small").
    """
    self._onlyModuleOrManager()
    self._whenLockedOnlyLocker()
    assert _newMultiplier > 0, "New multiplier too small"
    for c: address in self.components:
        assert self._conservativePreciseMul(self.virtualUnits[c], _newMultiplier) > 0, "New multiplier too small"
    self.positionMultiplier = _newMultiplier
    log PositionMultiplierEdited(_newMultiplier=_newMultiplier)


@view
@internal
def _isComponent(_component: address) -> bool:
    for c: address in self.components:
        if c == _component:
            return True
    return False


@view
@external
def isComponent(_component: address) -> bool:
    return self._isComponent(_component)


@view
@external
def getComponents() -> DynArray[address, MAX_COMPONENTS]:
    return self.components


@view
@external
def getDefaultPositionRealUnit(_component: address) -> int256:
    return self._virtualToReal(self.virtualUnits[_component])


@view
@external
def getTotalComponentRealUnits(_component: address) -> int256:
    return self._virtualToReal(self.virtualUnits[_component])


@view
@external
def getExternalPositionModules(_component: address) -> DynArray[address, 1]:
    return []


@view
@external
def getExternalPositionRealUnit(_component: address, _positionModule: address) -> int256:
    return 0


@view
@external
def getPositions() -> DynArray[Position, MAX_COMPONENTS]:
    positions: DynArray[Position, MAX_COMPONENTS] = []
    for c: address in self.components:
        positions.append(Position(component=c, module=empty(address), unit=self._virtualToReal(self.virtualUnits[c]), positionState=0, data=b""))
    return positions


@view
@external
def getModules() -> DynArray[address, MAX_MODULES]:
    return self.modules


@view
@external
def isInitializedModule(_module: address) -> bool:
    return self.moduleStates[_module] == INITIALIZED


@view
@external
def isPendingModule(_module: address) -> bool:
    return self.moduleStates[_module] == PENDING

