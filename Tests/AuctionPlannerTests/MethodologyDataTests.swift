import XCTest
@testable import AuctionPlanner

final class MethodologyDataTests: XCTestCase {
    func testDayCivilRoundTripAndWeekday() {
        XCTAssertEqual(Day(iso: "1970-01-01")?.daysSinceEpoch, 0)
        XCTAssertEqual(Day(iso: "2000-03-01")?.daysSinceEpoch, 11_017)
        XCTAssertEqual(Day(iso: "2024-02-29")?.description, "2024-02-29")
        XCTAssertNil(Day(iso: "2023-02-29"))
        XCTAssertNil(Day(iso: "2100-02-29"))
        XCTAssertNotNil(Day(iso: "2000-02-29"))
        XCTAssertNil(Day(iso: "2024-1-01"))
        XCTAssertEqual(Day(iso: "2024-06-01")?.isoWeekday, 6)  // Saturday
        XCTAssertEqual(Day(iso: "1970-01-01")?.isoWeekday, 4)  // Thursday
        XCTAssertEqual(Day(iso: "1969-12-29")?.isoWeekday, 1)  // Monday
        for n in stride(from: -800_000, to: 800_000, by: 997) {
            let d = Day(daysSinceEpoch: n)
            let c = d.civil
            XCTAssertEqual(Day(year: c.year, month: c.month, day: c.day), d)
        }
        XCTAssertEqual(Day(unixSeconds: -1).description, "1969-12-31")
    }

    func testLongCSVWithZeroMarketCapAndGap() throws {
        let text = """
        asset_id,date,close_usd,market_cap_usd,volume_usd,fdv_usd
        fet,2024-01-01,0.5,0,10,100
        fet,2024-01-02,0.6,600,11,120
        fet,2024-01-05,0.7,700,12,
        """
        let data = try MarketDataImporter.importText(text, file: "long.csv")
        XCTAssertEqual(data.histories.count, 1)
        let h = data.histories[0]
        XCTAssertEqual(h.observations.map(\.marketCap), [nil, 600, 700])
        XCTAssertEqual(h.observations[2].fullyDilutedValuation, nil)
        XCTAssertEqual(data.issues, [
            DataIssue(assetId: "fet", file: "long.csv", kind: .zeroMarketCap(Day(iso: "2024-01-01")!)),
            DataIssue(assetId: "fet", file: "long.csv", kind: .missingDays(from: Day(iso: "2024-01-03")!, to: Day(iso: "2024-01-04")!, count: 2)),
        ])
    }

    func testLongCSVErrorsNameFileLineAndField() {
        func error(_ text: String) -> InputFileError? {
            do { _ = try MarketDataImporter.importText(text, file: "x.csv"); return nil } catch { return error }
        }
        let header = "asset_id,date,close_usd,market_cap_usd,volume_usd\n"
        XCTAssertEqual(error(header + "a,2024-01-01,1,2,3\na,2024-13-01,1,2,3"),
                       InputFileError(file: "x.csv", line: 3, field: "date", value: "2024-13-01", rule: "expected YYYY-MM-DD"))
        XCTAssertEqual(error(header + "a,2024-01-01,1,abc,3")?.field, "market_cap_usd")
        XCTAssertEqual(error(header + "a,2024-01-01,1,-2,3")?.rule, "must not be negative")
        XCTAssertEqual(error(header + "a,2024-01-01,1,2")?.line, 2)
        XCTAssertEqual(error(header + "a,2024-01-01,1,2,3\na,2024-01-01,1,2,3")?.rule, "duplicate day for asset a")
        XCTAssertEqual(error(header + "a,2024-01-01,\"1,2,3")?.rule, "unterminated quoted field")
        XCTAssertEqual(error("asset_id,date,close_usd,market_cap_usd,volume_usd,bogus\n")?.value, "bogus")
        XCTAssertEqual(error("foo,bar\n1,2")?.field, "(header)")
        XCTAssertEqual(error(header + "a,2024-01-01,nan,2,3")?.rule, "not a finite number")
    }

    func testCoinGeckoCSVDropsIntradayLastPoint() throws {
        let text = """
        snapped_at,price,market_cap,total_volume
        2013-04-28 00:00:00 UTC,135.3,1500517590,0
        2013-04-29 00:00:00 UTC,141.96,1575032004.0,0
        2013-04-29 14:05:00 UTC,142.5,1580000000,0
        """
        let data = try MarketDataImporter.importText(text, file: "data/bitcoin.csv")
        XCTAssertEqual(data.histories[0].assetId, "bitcoin")
        XCTAssertEqual(data.histories[0].observations.map(\.close), [135.3, 141.96])
        XCTAssertEqual(data.issues, [DataIssue(assetId: "bitcoin", file: "data/bitcoin.csv", kind: .intradayPointDropped(Day(iso: "2013-04-29")!))])
        let bad = text.replacingOccurrences(of: "2013-04-28 00:00:00", with: "2013-04-28 01:00:00")
        XCTAssertThrowsError(try MarketDataImporter.importText(bad, file: "b.csv")) { e in
            XCTAssertEqual((e as? InputFileError)?.line, 2)
            XCTAssertEqual((e as? InputFileError)?.field, "snapped_at")
        }
    }

    func testMarketChartJSONAlignsSeriesOnDays() throws {
        let day0: Int64 = 1_704_067_200_000  // 2024-01-01
        let json = """
        {"prices":[[\(day0),1.0],[\(day0 + 86_400_000),2.0],[\(day0 + 86_400_000 + 3_600_000),2.5]],
         "market_caps":[[\(day0),0],[\(day0 + 86_400_000),200.0]],
         "total_volumes":[[\(day0 + 86_400_000),5.0]]}
        """
        let data = try MarketDataImporter.importText(json, file: "fetch-ai.json", assetId: "fetch-ai")
        let h = data.histories[0]
        XCTAssertEqual(h.observations, [
            DailyObservation(day: Day(iso: "2024-01-01")!, close: 1, marketCap: nil),
            DailyObservation(day: Day(iso: "2024-01-02")!, close: 2, marketCap: 200, volume: 5),
        ])
        XCTAssertEqual(data.issues.map(\.kind), [.intradayPointDropped(Day(iso: "2024-01-02")!), .zeroMarketCap(Day(iso: "2024-01-01")!)])
        XCTAssertThrowsError(try MarketDataImporter.importText("{\"prices\":[[1,2,3]]}", file: "p.json")) { e in
            XCTAssertEqual((e as? InputFileError)?.field, "prices[0]")
        }
        XCTAssertThrowsError(try MarketDataImporter.importText("{\"prices\":[[0,\"x\"]]}", file: "p.json")) { e in
            XCTAssertEqual((e as? InputFileError)?.field, ".prices[0][1]")
        }
    }

    func testCoinGeckoMarketsSnapshot() throws {
        let json = """
        [{"id":"render-token","symbol":"rndr","name":"Render","current_price":7.5,"market_cap":2900000000,
          "fully_diluted_valuation":3900000000,"total_volume":150000000,"circulating_supply":388000000,
          "last_updated":"2024-03-01T12:00:01.123Z","roi":null}]
        """
        let data = try MarketDataImporter.importText(json, file: "markets.json")
        XCTAssertEqual(data.metadata, [AssetMetadata(id: "render-token", symbol: "RNDR", name: "Render")])
        XCTAssertEqual(data.histories[0].observations, [DailyObservation(day: Day(iso: "2024-03-01")!, close: 7.5, marketCap: 2.9e9,
                                                                         volume: 1.5e8, circulatingSupply: 3.88e8, fullyDilutedValuation: 3.9e9)])
        XCTAssertThrowsError(try MarketDataImporter.importText("[{\"id\":\"a\"}]", file: "m.json")) { e in
            XCTAssertEqual((e as? InputFileError)?.field, "[0].last_updated")
        }
    }

    func testYahooAndStooqCSV() throws {
        let yahoo = """
        Date,Open,High,Low,Close,Adj Close,Volume
        2024-01-08,10,11,9,10.5,10.4,1000
        2024-01-05,10,11,9,10,9.9,2000
        2024-01-04,10,11,9,null,null,null
        """
        let meta = ["NVDA": AssetMetadata(id: "NVDA", symbol: "NVDA", name: "NVIDIA", kind: .equity, sharesOutstanding: 100)]
        let data = try MarketDataImporter.importText(yahoo, file: "NVDA.csv", metadata: meta)
        XCTAssertEqual(data.histories[0].observations.map(\.marketCap), [nil, 1000, 1050])
        XCTAssertEqual(data.histories[0].observations.map(\.volume), [nil, 20_000, 10_500])
        // Only the missing close is reported: the weekend 01-06/01-07 is not a gap for an equity.
        XCTAssertEqual(data.issues.map(\.kind), [.missingValue(Day(iso: "2024-01-04")!, field: "close")])
        let stooq = "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,100\n2024-01-03,1,2,0.5,1.6,100\n"
        let s = try MarketDataImporter.importText(stooq, file: "aapl.us.csv")
        XCTAssertEqual(s.histories[0].assetId, "aapl")
        XCTAssertEqual(s.histories[0].observations.map(\.close), [1.5, 1.6])
    }

    func testMetadataFile() throws {
        let yaml = """
        assets:
          - id: fetch-ai
            symbol: FET
            name: Fetch.ai
            categories: [artificial-intelligence]
            sleeve: tokens
            chains: { ethereum: "0xaea46a60368a7bd060eec7df8cba43b7ef41ad85" }
            decimals: 18
            first_seen: 2019-03-01
          - id: NVDA
            kind: equity
            shares_outstanding: 2.45e9
        """
        let assets = try AssetMetadata.parseFile(yaml, file: "assets.yaml")
        XCTAssertEqual(assets.count, 2)
        XCTAssertEqual(assets[0].addresses["ethereum"]?.checksummed, "0xaea46A60368A7bD060eec7DF8CBa43b7EF41Ad85")
        XCTAssertEqual(assets[0].firstSeen, Day(iso: "2019-03-01"))
        XCTAssertEqual(assets[1].kind, .equity)
        XCTAssertThrowsError(try AssetMetadata.parseFile("assets:\n  - id: a\n    colour: red\n", file: "m.yaml")) { e in
            let e = e as! InputFileError
            XCTAssertEqual(e.line, 3)
            XCTAssertEqual(e.field, "assets[0].colour")
        }
        XCTAssertThrowsError(try AssetMetadata.parseFile("assets:\n  - id: a\n    chains: {ethereum: '0x12'}\n", file: "m.yaml")) { e in
            XCTAssertEqual((e as! InputFileError).field, "assets[0].chains.ethereum")
        }
    }

    /// Random and mutated inputs never crash the importers, the methodology parser or the weights-file parser: they either parse or throw InputFileError.
    func testFuzzImportersNeverCrash() {
        var rng = SplitMix64(seed: 7)
        let seeds = [
            "asset_id,date,close_usd,market_cap_usd,volume_usd\na,2024-01-01,1,2,3\n",
            "snapped_at,price,market_cap,total_volume\n2013-04-28 00:00:00 UTC,135.3,1500517590,0\n",
            "{\"prices\":[[1704067200000,1.0]],\"market_caps\":[[1704067200000,2]]}",
            "[{\"id\":\"a\",\"market_cap\":1,\"last_updated\":\"2024-01-01T00:00:00Z\"}]",
            "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,100\n",
            "assets:\n  - id: a\n    decimals: 18\n",
            "name: x\nweighting: { method: market_cap }\nconstraints: { cap: 0.5, floor: 0.1 }\ncalendar: { frequency: monthly }\n",
            "{\"format\":\"rebalancer/weights@1\",\"methodology\":{\"name\":\"x\",\"hash\":\"0x\(String(repeating: "ab", count: 32))\"},\"as_of\":\"2024-01-01\",\"chain\":\"ethereum\",\"weights\":[{\"asset_id\":\"a\",\"symbol\":\"A\",\"address\":null,\"decimals\":18,\"weight\":\"1.000000000000000000\"}]}",
        ]
        let alphabet = Array("0123456789,.-\"\n[]{}:eE nul_abcUTC".utf8)
        for i in 0..<3000 {
            var bytes = Array(seeds[i % seeds.count].utf8)
            for _ in 0..<(1 + Int(rng.next() % 4)) where !bytes.isEmpty {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                case 1: bytes.remove(at: at)
                default: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try? MarketDataImporter.importText(text, file: "fuzz")
            _ = try? AssetMetadata.parseFile(text, file: "fuzz")
            _ = try? Methodology.parse(text, file: "fuzz")
            _ = try? WeightsFile.parse(Data(text.utf8), file: "fuzz")
        }
    }
}

/// A small deterministic generator for property tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
