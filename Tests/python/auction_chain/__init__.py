"""Deployer and tests for the Vyper stand-ins of the auction rebalance system
(`Tests/contracts/auction/`). See README.md."""
