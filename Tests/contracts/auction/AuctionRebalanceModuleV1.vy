# pragma version 0.4.3
"""
@title AuctionRebalanceModuleV1 stand-in
@notice Index Coop's Dutch-auction rebalance module (auction-module.md §2) for the paths
        the planner uses: startRebalance checks and storage, bidding (size and direction,
        price from the registered adapter, quote rounding, transfers, protocol fee,
        position updates), raiseAssetTargets, unlock and the bidder permission functions.
        Selectors, revert strings and events (topic0) equal the deployed Solidity module.
        SafeMath reverts the spec relies on ("SafeMath: subtraction overflow" in
        approximatelyEquals, "SafeMath: division by zero" for a zero rebalance position
        multiplier) are reproduced with their strings; other overflows revert without data.
        Bounds: at most 64 components in a rebalance, names ≤ 64 characters, adapter config
        data ≤ 256 bytes, bidder history ≤ 64 addresses.
"""

MAX_COMPONENTS: constant(uint256) = 64
MAX_BIDDERS: constant(uint256) = 64
MAX_NAME: constant(uint256) = 64
MAX_CONFIG: constant(uint256) = 256
PRECISE_UNIT: constant(uint256) = 10 ** 18
AUCTION_MODULE_V1_PROTOCOL_FEE_INDEX: constant(uint256) = 0
INTEGRATION_REGISTRY_RESOURCE_ID: constant(uint256) = 0
NOT_ENTERED: constant(uint256) = 1
ENTERED: constant(uint256) = 2


struct AuctionExecutionParams:
    targetUnit: uint256
    priceAdapterName: String[MAX_NAME]
    priceAdapterConfigData: Bytes[MAX_CONFIG]

struct RebalanceInfo:
    quoteAsset: address
    rebalanceStartTime: uint256
    rebalanceDuration: uint256
    positionMultiplier: uint256
    raiseTargetPercentage: uint256

struct BidInfo:
    setToken: address
    sendToken: address
    receiveToken: address
    priceAdapter: address
    priceAdapterConfigData: Bytes[MAX_CONFIG]
    isSellAuction: bool
    auctionQuantity: uint256
    componentPrice: uint256
    quantitySentBySet: uint256
    quantityReceivedBySet: uint256
    preBidTokenSentBalance: uint256
    preBidTokenReceivedBalance: uint256
    setTotalSupply: uint256


interface ISetToken:
    def manager() -> address: view
    def isInitializedModule(_module: address) -> bool: view
    def isPendingModule(_module: address) -> bool: view
    def locker() -> address: view
    def getComponents() -> DynArray[address, MAX_COMPONENTS]: view
    def getExternalPositionModules(_component: address) -> DynArray[address, 16]: view
    def getDefaultPositionRealUnit(_component: address) -> int256: view
    def positionMultiplier() -> int256: view
    def totalSupply() -> uint256: view
    def lock(): nonpayable
    def unlock(): nonpayable
    def initializeModule(): nonpayable
    def invoke(_target: address, _value: uint256, _data: Bytes[1024]) -> Bytes[1024]: nonpayable
    def addComponent(_component: address): nonpayable
    def removeComponent(_component: address): nonpayable
    def editDefaultPositionUnit(_component: address, _realUnit: int256): nonpayable

interface IController:
    def getModuleFee(_module: address, _feeType: uint256) -> uint256: view
    def feeRecipient() -> address: view
    def isSet(_setToken: address) -> bool: view
    def resourceId(_id: uint256) -> address: view

interface IIntegrationRegistry:
    def getIntegrationAdapterWithHash(_module: address, _nameHash: bytes32) -> address: view

interface IAuctionPriceAdapterV1:
    def getPrice(_setToken: address, _component: address, _componentQuantity: uint256, _timeElapsed: uint256, _duration: uint256, _priceAdapterConfigData: Bytes[MAX_CONFIG]) -> uint256: view
    def isPriceAdapterConfigDataValid(_priceAdapterConfigData: Bytes[MAX_CONFIG]) -> bool: view

interface IERC20:
    def balanceOf(_owner: address) -> uint256: view
    def transferFrom(_from: address, _to: address, _amount: uint256) -> bool: nonpayable


event RebalanceStarted:
    setToken: indexed(address)
    quoteAsset: indexed(address)
    isSetTokenLocked: bool
    rebalanceDuration: uint256
    initialPositionMultiplier: uint256
    componentsInvolved: DynArray[address, MAX_COMPONENTS]
    auctionParameters: DynArray[AuctionExecutionParams, MAX_COMPONENTS]

event BidExecuted:
    setToken: indexed(address)
    sendToken: indexed(address)
    receiveToken: indexed(address)
    bidder: address
    priceAdapter: address
    isSellAuction: bool
    price: uint256
    netQuantitySentBySet: uint256
    netQuantityReceivedBySet: uint256
    protocolFee: uint256
    setTotalSupply: uint256

event AssetTargetsRaised:
    setToken: indexed(address)
    newPositionMultiplier: uint256

event RaiseTargetPercentageUpdated:
    setToken: indexed(address)
    newRaiseTargetPercentage: uint256

event AnyoneBidUpdated:
    setToken: indexed(address)
    isAnyoneAllowedToBid: bool

event BidderStatusUpdated:
    setToken: indexed(address)
    bidder: indexed(address)
    isBidderAllowed: bool

event LockedRebalanceEndedEarly:
    setToken: indexed(address)


controller: public(address)
status: uint256
execution: HashMap[address, HashMap[address, AuctionExecutionParams]]
anyoneAllowedToBid: HashMap[address, bool]
biddersHistory: HashMap[address, DynArray[address, MAX_BIDDERS]]
bidAllowList: HashMap[address, HashMap[address, bool]]
rebalance: HashMap[address, RebalanceInfo]
rebalanceComponents: HashMap[address, DynArray[address, MAX_COMPONENTS]]


@deploy
def __init__(_controller: address):
    self.controller = _controller
    self.status = NOT_ENTERED


# -- PreciseUnitMath / SafeMath -----------------------------------------------------------

@pure
@internal
def _preciseMul(_a: uint256, _b: uint256) -> uint256:
    return _a * _b // PRECISE_UNIT


@pure
@internal
def _preciseMulCeil(_a: uint256, _b: uint256) -> uint256:
    if _a == 0 or _b == 0:
        return 0
    return (_a * _b - 1) // PRECISE_UNIT + 1


@pure
@internal
def _preciseDiv(_a: uint256, _b: uint256) -> uint256:
    assert _b != 0, "SafeMath: division by zero"
    return _a * PRECISE_UNIT // _b


@pure
@internal
def _approximatelyEquals(_a: uint256, _b: uint256, _range: uint256) -> bool:
    # Solidity: a <= b.add(range) && a >= b.sub(range); the sub runs only when the first holds.
    if _a > _b + _range:
        return False
    assert _b >= _range, "SafeMath: subtraction overflow"
    return _a >= _b - _range


# -- ModuleBase checks ---------------------------------------------------------------------

@view
@internal
def _isSetValidAndInitialized(_setToken: address) -> bool:
    return staticcall IController(self.controller).isSet(_setToken) and staticcall ISetToken(_setToken).isInitializedModule(self)


@view
@internal
def _onlyManagerAndValidSet(_setToken: address):
    assert staticcall ISetToken(_setToken).manager() == msg.sender, "Must be the SetToken manager"
    assert self._isSetValidAndInitialized(_setToken), "Must be a valid and initialized SetToken"


@view
@internal
def _onlyValidAndInitializedSet(_setToken: address):
    assert self._isSetValidAndInitialized(_setToken), "Must be a valid and initialized SetToken"


@view
@internal
def _onlyAllowedBidder(_setToken: address):
    assert self.anyoneAllowedToBid[_setToken] or self.bidAllowList[_setToken][msg.sender], "Address not permitted to bid"


@view
@internal
def _getAndValidateAdapter(_name: String[MAX_NAME]) -> address:
    registry: address = staticcall IController(self.controller).resourceId(INTEGRATION_REGISTRY_RESOURCE_ID)
    adapter: address = staticcall IIntegrationRegistry(registry).getIntegrationAdapterWithHash(self, keccak256(_name))
    assert adapter != empty(address), "Must be valid adapter"
    return adapter


# -- helpers -------------------------------------------------------------------------------

@pure
@internal
def _contains(_list: DynArray[address, MAX_COMPONENTS], _item: address) -> bool:
    for a: address in _list:
        if a == _item:
            return True
    return False


@view
@internal
def _realUnit(_setToken: address, _component: address) -> uint256:
    unit: int256 = staticcall ISetToken(_setToken).getDefaultPositionRealUnit(_component)
    assert unit >= 0, "SafeCast: value must be positive"
    return convert(unit, uint256)


@view
@internal
def _positionMultiplier(_setToken: address) -> uint256:
    pm: int256 = staticcall ISetToken(_setToken).positionMultiplier()
    assert pm >= 0, "SafeCast: value must be positive"
    return convert(pm, uint256)


@view
@internal
def _normalizedTargetUnit(_setToken: address, _component: address) -> uint256:
    rebalancePM: uint256 = self.rebalance[_setToken].positionMultiplier
    assert rebalancePM != 0, "SafeMath: division by zero"
    return self.execution[_setToken][_component].targetUnit * self._positionMultiplier(_setToken) // rebalancePM


@view
@internal
def _sizeAndDirection(_setToken: address, _component: address, _totalSupply: uint256) -> (bool, uint256):
    protocolFee: uint256 = staticcall IController(self.controller).getModuleFee(self, AUCTION_MODULE_V1_PROTOCOL_FEE_INDEX)
    currentUnit: uint256 = self._realUnit(_setToken, _component)
    targetUnit: uint256 = self._normalizedTargetUnit(_setToken, _component)
    currentNotional: uint256 = self._preciseMul(_totalSupply, currentUnit)
    targetNotional: uint256 = self._preciseMulCeil(_totalSupply, targetUnit)
    assert currentUnit != targetUnit, "Target already met"
    if targetNotional < currentNotional:
        return True, currentNotional - targetNotional
    return False, self._preciseDiv(targetNotional - currentNotional, PRECISE_UNIT - protocolFee)


@view
@internal
def _isRebalanceInProgress(_setToken: address) -> bool:
    info: RebalanceInfo = self.rebalance[_setToken]
    return info.rebalanceStartTime + info.rebalanceDuration > block.timestamp


@view
@internal
def _isRebalanceDurationElapsed(_setToken: address) -> bool:
    info: RebalanceInfo = self.rebalance[_setToken]
    return info.rebalanceStartTime + info.rebalanceDuration <= block.timestamp


@view
@internal
def _targetUnmet(_setToken: address, _component: address) -> bool:
    if _component == self.rebalance[_setToken].quoteAsset:
        return False
    targetUnit: uint256 = self._normalizedTargetUnit(_setToken, _component)
    currentUnit: uint256 = self._realUnit(_setToken, _component)
    if targetUnit > 0:
        return not self._approximatelyEquals(targetUnit, currentUnit, 1)
    return currentUnit != 0


@view
@internal
def _allTargetsMet(_setToken: address) -> bool:
    for c: address in self.rebalanceComponents[_setToken]:
        if self._targetUnmet(_setToken, c):
            return False
    return True


@view
@internal
def _isQuoteAssetExcessOrAtTarget(_setToken: address) -> bool:
    quote: address = self.rebalance[_setToken].quoteAsset
    targetUnit: uint256 = self._normalizedTargetUnit(_setToken, quote)
    currentUnit: uint256 = self._realUnit(_setToken, quote)
    if currentUnit > targetUnit:
        return True
    return self._approximatelyEquals(currentUnit, targetUnit, 1)


@view
@internal
def _isQuoteAssetExcess(_setToken: address) -> bool:
    quote: address = self.rebalance[_setToken].quoteAsset
    return self._realUnit(_setToken, quote) > self._normalizedTargetUnit(_setToken, quote)


@view
@internal
def _canUnlockEarly(_setToken: address) -> bool:
    if not self._allTargetsMet(_setToken):
        return False
    if not self._isQuoteAssetExcessOrAtTarget(_setToken):
        return False
    return self.rebalance[_setToken].raiseTargetPercentage == 0


@view
@internal
def _canRaiseAssetTargets(_setToken: address) -> bool:
    if not self._allTargetsMet(_setToken):
        return False
    return self._isQuoteAssetExcess(_setToken)


@view
@internal
def _validateAuctionPriceParams(_params: AuctionExecutionParams):
    adapter: address = self._getAndValidateAdapter(_params.priceAdapterName)
    assert staticcall IAuctionPriceAdapterV1(adapter).isPriceAdapterConfigDataValid(_params.priceAdapterConfigData), "Price adapter config data invalid"


# -- bidding -------------------------------------------------------------------------------

@view
@internal
def _validateBidTargets(_setToken: address, _component: address, _quoteAsset: address, _componentQuantity: uint256):
    quote: address = self.rebalance[_setToken].quoteAsset
    assert _component != quote, "Cannot bid explicitly on Quote Asset"
    assert _quoteAsset == quote, "Quote asset mismatch"
    assert self._contains(self.rebalanceComponents[_setToken], _component), "Component not part of rebalance"
    assert len(staticcall ISetToken(_setToken).getExternalPositionModules(_component)) == 0, "External positions not allowed"
    assert self._isRebalanceInProgress(_setToken), "Rebalance must be in progress"
    assert _componentQuantity > 0, "Component amount must be > 0"


@view
@internal
def _createBidInfo(_setToken: address, _component: address, _componentQuantity: uint256, _quoteQuantityLimit: uint256, _isSellAuction: bool) -> BidInfo:
    info: RebalanceInfo = self.rebalance[_setToken]
    bid: BidInfo = empty(BidInfo)
    bid.setToken = _setToken
    bid.setTotalSupply = staticcall ISetToken(_setToken).totalSupply()
    bid.priceAdapter = self._getAndValidateAdapter(self.execution[_setToken][_component].priceAdapterName)
    bid.priceAdapterConfigData = self.execution[_setToken][_component].priceAdapterConfigData
    bid.isSellAuction, bid.auctionQuantity = self._sizeAndDirection(_setToken, _component, bid.setTotalSupply)
    assert bid.isSellAuction == _isSellAuction, "Auction direction mismatch"
    quantity: uint256 = _componentQuantity
    if quantity == max_value(uint256):
        quantity = bid.auctionQuantity
    else:
        assert quantity <= bid.auctionQuantity, "Bid size exceeds auction quantity"
    bid.componentPrice = staticcall IAuctionPriceAdapterV1(bid.priceAdapter).getPrice(_setToken, _component, quantity, block.timestamp - info.rebalanceStartTime, info.rebalanceDuration, bid.priceAdapterConfigData)
    if bid.isSellAuction:
        bid.sendToken = _component
        bid.receiveToken = info.quoteAsset
        bid.quantitySentBySet = quantity
        bid.quantityReceivedBySet = self._preciseMulCeil(quantity, bid.componentPrice)
    else:
        bid.sendToken = info.quoteAsset
        bid.receiveToken = _component
        bid.quantityReceivedBySet = quantity
        bid.quantitySentBySet = self._preciseMul(quantity, bid.componentPrice)
    bid.preBidTokenSentBalance = staticcall IERC20(bid.sendToken).balanceOf(_setToken)
    bid.preBidTokenReceivedBalance = staticcall IERC20(bid.receiveToken).balanceOf(_setToken)
    if bid.isSellAuction:
        assert bid.quantityReceivedBySet <= _quoteQuantityLimit, "Quote asset quantity exceeds limit"
    else:
        assert bid.quantitySentBySet >= _quoteQuantityLimit, "Quote asset quantity below limit"
        assert bid.quantitySentBySet <= bid.preBidTokenSentBalance, "Insufficient quote asset balance"
    return bid


@internal
def _strictInvokeTransfer(_setToken: address, _token: address, _to: address, _quantity: uint256):
    if _quantity == 0:
        return
    before: uint256 = staticcall IERC20(_token).balanceOf(_setToken)
    extcall ISetToken(_setToken).invoke(_token, 0, abi_encode(_to, _quantity, method_id=method_id("transfer(address,uint256)")))
    assert staticcall IERC20(_token).balanceOf(_setToken) == before - _quantity, "Invalid post transfer balance"


@internal
def _explicitTransferFrom(_token: address, _from: address, _to: address, _quantity: uint256):
    if _quantity == 0:
        return
    before: uint256 = staticcall IERC20(_token).balanceOf(_to)
    response: Bytes[32] = raw_call(_token, abi_encode(_from, _to, _quantity, method_id=method_id("transferFrom(address,address,uint256)")), max_outsize=32)
    if len(response) > 0:
        assert convert(response, bool), "SafeERC20: ERC20 operation did not succeed"
    assert staticcall IERC20(_token).balanceOf(_to) == before + _quantity, "Invalid post transfer balance"


@internal
def _calculateAndEditDefaultPosition(_setToken: address, _component: address, _setTotalSupply: uint256, _preTotalNotional: uint256) -> uint256:
    currentUnit: uint256 = self._realUnit(_setToken, _component)
    totalNotional: uint256 = staticcall IERC20(_component).balanceOf(_setToken)
    newUnit: uint256 = 0
    if totalNotional > 0:
        airdropped: uint256 = _preTotalNotional - self._preciseMul(currentUnit, _setTotalSupply)
        newUnit = self._preciseDiv(totalNotional - airdropped, _setTotalSupply)
    isPositionFound: bool = currentUnit > 0
    if not isPositionFound and newUnit > 0:
        extcall ISetToken(_setToken).addComponent(_component)
    elif isPositionFound and newUnit == 0:
        extcall ISetToken(_setToken).removeComponent(_component)
    extcall ISetToken(_setToken).editDefaultPositionUnit(_component, convert(newUnit, int256))
    return totalNotional


# -- external: manager ---------------------------------------------------------------------

@external
def startRebalance(_setToken: address, _quoteAsset: address, _newComponents: DynArray[address, MAX_COMPONENTS], _newComponentsAuctionParams: DynArray[AuctionExecutionParams, MAX_COMPONENTS], _oldComponentsAuctionParams: DynArray[AuctionExecutionParams, MAX_COMPONENTS], _shouldLockSetToken: bool, _rebalanceDuration: uint256, _initialPositionMultiplier: uint256):
    """
    @notice Starts (or overwrites) a rebalance: stores every component's target unit,
            adapter name and config, the quote asset, start time, duration and position
            multiplier, optionally locks the Set, and emits RebalanceStarted.
    """
    self._onlyManagerAndValidSet(_setToken)
    if _shouldLockSetToken and staticcall ISetToken(_setToken).locker() != self:
        extcall ISetToken(_setToken).lock()
    current: DynArray[address, MAX_COMPONENTS] = staticcall ISetToken(_setToken).getComponents()
    assert len(_newComponents) == len(_newComponentsAuctionParams), "New components and params length mismatch"
    assert len(current) == len(_oldComponentsAuctionParams), "Old components and params length mismatch"
    allComponents: DynArray[address, MAX_COMPONENTS] = current
    for c: address in _newComponents:
        allComponents.append(c)
    for i: uint256 in range(len(allComponents), bound=MAX_COMPONENTS):
        for j: uint256 in range(i + 1, i + MAX_COMPONENTS, bound=MAX_COMPONENTS):
            if j >= len(allComponents):
                break
            assert allComponents[i] != allComponents[j], "Cannot have duplicate components"
    for p: AuctionExecutionParams in _oldComponentsAuctionParams:
        self._validateAuctionPriceParams(p)
    for p: AuctionExecutionParams in _newComponentsAuctionParams:
        assert p.targetUnit > 0, "New component target unit must be greater than 0"
        self._validateAuctionPriceParams(p)
    allParams: DynArray[AuctionExecutionParams, MAX_COMPONENTS] = _oldComponentsAuctionParams
    for p: AuctionExecutionParams in _newComponentsAuctionParams:
        allParams.append(p)
    for i: uint256 in range(len(allComponents), bound=MAX_COMPONENTS):
        c: address = allComponents[i]
        assert len(staticcall ISetToken(_setToken).getExternalPositionModules(c)) == 0, "External positions not allowed"
        self.execution[_setToken][c] = allParams[i]
    self.rebalance[_setToken].quoteAsset = _quoteAsset
    self.rebalance[_setToken].rebalanceStartTime = block.timestamp
    self.rebalance[_setToken].rebalanceDuration = _rebalanceDuration
    self.rebalance[_setToken].positionMultiplier = _initialPositionMultiplier
    self.rebalanceComponents[_setToken] = allComponents
    log RebalanceStarted(setToken=_setToken, quoteAsset=_quoteAsset, isSetTokenLocked=_shouldLockSetToken, rebalanceDuration=_rebalanceDuration, initialPositionMultiplier=_initialPositionMultiplier, componentsInvolved=allComponents, auctionParameters=allParams)


@external
def setRaiseTargetPercentage(_setToken: address, _raiseTargetPercentage: uint256):
    self._onlyManagerAndValidSet(_setToken)
    self.rebalance[_setToken].raiseTargetPercentage = _raiseTargetPercentage
    log RaiseTargetPercentageUpdated(setToken=_setToken, newRaiseTargetPercentage=_raiseTargetPercentage)


@external
def setBidderStatus(_setToken: address, _bidders: DynArray[address, MAX_BIDDERS], _statuses: DynArray[bool, MAX_BIDDERS]):
    self._onlyManagerAndValidSet(_setToken)
    assert len(_bidders) == len(_statuses), "Array length mismatch"
    assert len(_bidders) > 0, "Array length must be > 0"
    for i: uint256 in range(len(_bidders), bound=MAX_BIDDERS):
        for j: uint256 in range(i + 1, i + MAX_BIDDERS, bound=MAX_BIDDERS):
            if j >= len(_bidders):
                break
            assert _bidders[i] != _bidders[j], "Cannot duplicate addresses"
    for i: uint256 in range(len(_bidders), bound=MAX_BIDDERS):
        bidder: address = _bidders[i]
        allowed: bool = _statuses[i]
        history: DynArray[address, MAX_BIDDERS] = self.biddersHistory[_setToken]
        index: uint256 = max_value(uint256)
        for k: uint256 in range(len(history), bound=MAX_BIDDERS):
            if history[k] == bidder:
                index = k
                break
        if allowed and index == max_value(uint256):
            self.biddersHistory[_setToken].append(bidder)
        elif not allowed and index != max_value(uint256):
            last: uint256 = len(history) - 1
            if index != last:
                self.biddersHistory[_setToken][index] = history[last]
            self.biddersHistory[_setToken].pop()
        self.bidAllowList[_setToken][bidder] = allowed
        log BidderStatusUpdated(setToken=_setToken, bidder=bidder, isBidderAllowed=allowed)


@external
def setAnyoneBid(_setToken: address, _status: bool):
    self._onlyManagerAndValidSet(_setToken)
    self.anyoneAllowedToBid[_setToken] = _status
    log AnyoneBidUpdated(setToken=_setToken, isAnyoneAllowedToBid=_status)


@external
def initialize(_setToken: address):
    """
    @notice Initializes the module on a pending SetToken: every default position's target
            is its current real unit and the rebalance position multiplier the Set's.
    """
    assert staticcall ISetToken(_setToken).manager() == msg.sender, "Must be the SetToken manager"
    assert staticcall IController(self.controller).isSet(_setToken), "Must be controller-enabled SetToken"
    assert staticcall ISetToken(_setToken).isPendingModule(self), "Must be pending initialization"
    for c: address in staticcall ISetToken(_setToken).getComponents():
        assert len(staticcall ISetToken(_setToken).getExternalPositionModules(c)) == 0, "External positions not allowed"
        self.execution[_setToken][c].targetUnit = self._realUnit(_setToken, c)
    self.rebalance[_setToken].positionMultiplier = self._positionMultiplier(_setToken)
    extcall ISetToken(_setToken).initializeModule()


@external
def removeModule():
    """
    @notice Hook called by the SetToken (msg.sender) when the module is removed: clears the
            bidder allow list, rebalance info and permission info (execution info stays).
    """
    for bidder: address in self.biddersHistory[msg.sender]:
        self.bidAllowList[msg.sender][bidder] = False
    self.rebalance[msg.sender] = empty(RebalanceInfo)
    self.rebalanceComponents[msg.sender] = []
    self.anyoneAllowedToBid[msg.sender] = False
    self.biddersHistory[msg.sender] = []


# -- external: bidders and anyone ----------------------------------------------------------

@external
def bid(_setToken: address, _component: address, _quoteAsset: address, _componentAmount: uint256, _quoteAssetLimit: uint256, _isSellAuction: bool):
    """
    @notice Trades `_componentAmount` (max-uint = the whole auction) of `_component`
            against the quote asset at the adapter's current price, moves the tokens,
            pays the protocol fee, updates both positions and emits BidExecuted.
    """
    assert self.status != ENTERED, "ReentrancyGuard: reentrant call"
    self.status = ENTERED
    self._onlyAllowedBidder(_setToken)
    self._validateBidTargets(_setToken, _component, _quoteAsset, _componentAmount)
    b: BidInfo = self._createBidInfo(_setToken, _component, _componentAmount, _quoteAssetLimit, _isSellAuction)
    self._explicitTransferFrom(b.receiveToken, msg.sender, _setToken, b.quantityReceivedBySet)
    self._strictInvokeTransfer(_setToken, b.sendToken, msg.sender, b.quantitySentBySet)
    exchanged: uint256 = staticcall IERC20(b.receiveToken).balanceOf(_setToken) - b.preBidTokenReceivedBalance
    protocolFee: uint256 = self._preciseMul(staticcall IController(self.controller).getModuleFee(self, AUCTION_MODULE_V1_PROTOCOL_FEE_INDEX), exchanged)
    if protocolFee > 0:
        self._strictInvokeTransfer(_setToken, b.receiveToken, staticcall IController(self.controller).feeRecipient(), protocolFee)
    postSend: uint256 = self._calculateAndEditDefaultPosition(_setToken, b.sendToken, b.setTotalSupply, b.preBidTokenSentBalance)
    postReceive: uint256 = self._calculateAndEditDefaultPosition(_setToken, b.receiveToken, b.setTotalSupply, b.preBidTokenReceivedBalance)
    log BidExecuted(setToken=_setToken, sendToken=b.sendToken, receiveToken=b.receiveToken, bidder=msg.sender, priceAdapter=b.priceAdapter, isSellAuction=b.isSellAuction, price=b.componentPrice, netQuantitySentBySet=b.preBidTokenSentBalance - postSend, netQuantityReceivedBySet=postReceive - b.preBidTokenReceivedBalance, protocolFee=protocolFee, setTotalSupply=b.setTotalSupply)
    self.status = NOT_ENTERED


@external
def raiseAssetTargets(_setToken: address):
    """
    @notice Lowers the rebalance position multiplier by 1/(1 + raiseTargetPercentage),
            raising every normalised target, once all targets are met with excess quote.
    """
    self._onlyAllowedBidder(_setToken)
    assert self._isRebalanceInProgress(_setToken), "Rebalance must be in progress"
    assert self._canRaiseAssetTargets(_setToken), "Targets not met or quote asset =~ 0"
    newPM: uint256 = self._preciseDiv(self.rebalance[_setToken].positionMultiplier, PRECISE_UNIT + self.rebalance[_setToken].raiseTargetPercentage)
    self.rebalance[_setToken].positionMultiplier = newPM
    log AssetTargetsRaised(setToken=_setToken, newPositionMultiplier=newPM)


@external
def unlock(_setToken: address):
    """
    @notice Unlocks the Set after the duration, or early when all targets are met, the
            quote asset is at or above target and raiseTargetPercentage is zero.
    """
    elapsed: bool = self._isRebalanceDurationElapsed(_setToken)
    early: bool = self._canUnlockEarly(_setToken)
    assert elapsed or early, "Cannot unlock early unless all targets are met and raiseTargetPercentage is zero"
    if early:
        self.rebalance[_setToken].rebalanceDuration = 0
        log LockedRebalanceEndedEarly(setToken=_setToken)
    self.rebalance[_setToken].raiseTargetPercentage = 0
    extcall ISetToken(_setToken).unlock()


# -- external views ------------------------------------------------------------------------

@view
@external
def executionInfo(_setToken: address, _component: address) -> (uint256, String[MAX_NAME], Bytes[MAX_CONFIG]):
    p: AuctionExecutionParams = self.execution[_setToken][_component]
    return p.targetUnit, p.priceAdapterName, p.priceAdapterConfigData


@view
@external
def permissionInfo(_setToken: address) -> bool:
    return self.anyoneAllowedToBid[_setToken]


@view
@external
def rebalanceInfo(_setToken: address) -> (address, uint256, uint256, uint256, uint256):
    info: RebalanceInfo = self.rebalance[_setToken]
    return info.quoteAsset, info.rebalanceStartTime, info.rebalanceDuration, info.positionMultiplier, info.raiseTargetPercentage


@view
@external
def getBidPreview(_setToken: address, _component: address, _quoteAsset: address, _componentQuantity: uint256, _quoteQuantityLimit: uint256, _isSellAuction: bool) -> BidInfo:
    self._onlyValidAndInitializedSet(_setToken)
    self._validateBidTargets(_setToken, _component, _quoteAsset, _componentQuantity)
    return self._createBidInfo(_setToken, _component, _componentQuantity, _quoteQuantityLimit, _isSellAuction)


@view
@external
def getAuctionSizeAndDirection(_setToken: address, _component: address) -> (bool, uint256):
    self._onlyValidAndInitializedSet(_setToken)
    assert self._contains(self.rebalanceComponents[_setToken], _component), "Component not part of rebalance"
    return self._sizeAndDirection(_setToken, _component, staticcall ISetToken(_setToken).totalSupply())


@view
@external
def getRebalanceComponents(_setToken: address) -> DynArray[address, MAX_COMPONENTS]:
    self._onlyValidAndInitializedSet(_setToken)
    return self.rebalanceComponents[_setToken]


@view
@external
def getQuoteAssetBalance(_setToken: address) -> uint256:
    return staticcall IERC20(self.rebalance[_setToken].quoteAsset).balanceOf(_setToken)


@view
@external
def isRebalanceDurationElapsed(_setToken: address) -> bool:
    return self._isRebalanceDurationElapsed(_setToken)


@view
@external
def canUnlockEarly(_setToken: address) -> bool:
    return self._canUnlockEarly(_setToken)


@view
@external
def canRaiseAssetTargets(_setToken: address) -> bool:
    return self._canRaiseAssetTargets(_setToken)


@view
@external
def allTargetsMet(_setToken: address) -> bool:
    return self._allTargetsMet(_setToken)


@view
@external
def isQuoteAssetExcessOrAtTarget(_setToken: address) -> bool:
    return self._isQuoteAssetExcessOrAtTarget(_setToken)


@view
@external
def isAllowedBidder(_setToken: address, _bidder: address) -> bool:
    self._onlyValidAndInitializedSet(_setToken)
    return self.anyoneAllowedToBid[_setToken] or self.bidAllowList[_setToken][_bidder]


@view
@external
def getAllowedBidders(_setToken: address) -> DynArray[address, MAX_BIDDERS]:
    self._onlyValidAndInitializedSet(_setToken)
    return self.biddersHistory[_setToken]
