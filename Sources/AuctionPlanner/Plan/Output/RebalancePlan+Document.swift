import ChainModel

extension RebalancePlan {
    /// The format tag of plan documents.
    public static let format = "rebalancer/plan@1"

    /// The plan document: inputs with their Keccak-256, the state block, targets, trades, adapter
    /// configs, curves, the ordered transactions with decoded arguments and calldata, and warnings.
    /// Keys are sorted and amounts are decimal strings, so the same inputs give the same bytes.
    public var document: CanonicalJSON {
        let s = snapshot
        var inputFields: [String: CanonicalJSON] = [:]
        for file in inputs { inputFields[file.role] = .object(["path": .string(file.path), "keccak256": .string(file.keccak256.description)]) }
        let route: CanonicalJSON
        switch policy.route {
        case .module: route = .object(["kind": .string("module"), "to": .address(policy.module)])
        case let .extensionContract(a): route = .object(["kind": .string("extension"), "to": .address(a)])
        }
        let rowsJSON: [CanonicalJSON] = rows.map { r in
            .object(["address": .address(r.address), "symbol": .string(r.symbol), "decimals": .integer(Int64(r.decimals)),
                     "fair_price": .amount(r.fairPrice), "current_unit": .amount(r.currentUnit), "target_unit": .amount(r.targetUnit),
                     "current_weight": .amount(r.currentWeight), "target_weight": .amount(r.targetWeight),
                     "action": .string(r.action.rawValue)])
        }
        let tradesJSON: [CanonicalJSON] = tradeList.trades.map { t in
            .object(["component": .address(t.component), "symbol": .string(symbol(of: t.component)),
                     "side": .string(t.isSellAuction ? "sell" : "buy"), "current_unit": .amount(t.currentUnit),
                     "target_unit": .amount(t.targetUnit), "auction_size": .amount(t.auctionSize), "fair_price": .amount(t.fairPrice),
                     "expected_quote_quantity": .amount(t.expectedQuoteQuantity), "expected_protocol_fee": .amount(t.expectedProtocolFee),
                     "notional_usd": t.notionalUSD.map(CanonicalJSON.amount) ?? .null,
                     "is_new_component": .bool(t.isNewComponent), "is_removal": .bool(t.isRemoval)])
        }
        let all = arguments.oldComponentsAuctionParams.enumerated().map { (targetsOld[$0.offset], $0.element) }
            + arguments.newComponentsAuctionParams.enumerated().map { (arguments.newComponents[$0.offset], $0.element) }
        let paramsJSON: [CanonicalJSON] = all.map { token, p in
            var fields: [String: CanonicalJSON] = ["component": .address(token), "symbol": .string(symbol(of: token)),
                                                   "target_unit": .amount(p.targetUnit), "price_adapter_name": .string(p.priceAdapterName),
                                                   "price_adapter_config_data": .hex(p.priceAdapterConfigData)]
            if let adapter = try? PriceAdapter(name: p.priceAdapterName, configData: p.priceAdapterConfigData) {
                fields["parameters"] = adapter.parametersJSON
            }
            return .object(fields)
        }
        let curvesJSON: [CanonicalJSON] = schedule.components.map { c in
            .object(["component": .address(c.trade.component), "symbol": .string(symbol(of: c.trade.component)),
                     "adapter": .string(c.adapter.kindName),
                     "prices": .array(c.prices.map(CanonicalJSON.amount)),
                     "quote_quantities": .array(c.quoteQuantities.map(CanonicalJSON.amount)),
                     "fair_crossing_second": c.fairCrossingSecond.map(CanonicalJSON.amount) ?? .null,
                     "last_second": .amount(c.endState.lastSecond), "last_price": .amount(c.endState.lastPrice),
                     "bound_price": .amount(c.endState.boundPrice),
                     "bound_reached_at": c.endState.boundReachedAt.map(CanonicalJSON.amount) ?? .null])
        }
        let txJSON: [CanonicalJSON] = transactions.enumerated().map { i, tx in
            .object(["index": .integer(Int64(i)), "to": .address(tx.to), "function": .string(tx.function.canonicalSignature),
                     "selector": .hex(tx.calldata.prefix(4).map { $0 }), "purpose": .string(tx.purpose),
                     "arguments": .array(zip(tx.function.inputs, tx.arguments).map { p, v in
                         .object(["name": .string(p.name), "type": .string(p.type.canonicalName), "value": .string(v.formatted(as: p.type))])
                     }),
                     "calldata": .hex(tx.calldata)])
        }
        return .object([
            "format": .string(Self.format),
            "inputs": .object(inputFields),
            "state": .object([
                "chain_id": .integer(Int64(s.block.chainId)), "block_number": .integer(Int64(s.block.number)),
                "block_hash": .string(s.block.hash.description), "block_timestamp": .integer(Int64(s.block.timestamp)),
                "set_token": .address(s.setToken), "symbol": .string(s.symbol), "total_supply": .amount(s.totalSupply),
                "position_multiplier": .amount(s.positionMultiplier), "protocol_fee": .amount(protocolFee),
            ]),
            "quote_asset": .object(["address": .address(policy.quoteAsset), "symbol": .string(quoteSymbol),
                                    "decimals": .integer(Int64(quoteDecimals))]),
            "route": route,
            "rebalance": .object([
                "duration_seconds": .integer(Int64(policy.durationSeconds)), "lock_set_token": .bool(policy.lockSetToken),
                "set_value_per_set": .amount(tradeList.targets.setValue), "total_value": .amount(tradeList.totalValue),
                "total_sell_quote": .amount(tradeList.totalSellQuote), "total_buy_quote": .amount(tradeList.totalBuyQuote),
                "turnover": .amount(tradeList.turnover),
                "initial_position_multiplier": .amount(arguments.initialPositionMultiplier),
            ]),
            "components": .array(rowsJSON),
            "trades": .array(tradesJSON),
            "auction_params": .array(paramsJSON),
            "curves": .object(["step_seconds": .array(schedule.stepSeconds.map(CanonicalJSON.amount)), "components": .array(curvesJSON)]),
            "transactions": .array(txJSON),
            "warnings": .array(warnings.map(CanonicalJSON.string)),
        ])
    }

    private var targetsOld: [Address] { tradeList.targets.oldComponents }
}
