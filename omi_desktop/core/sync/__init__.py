"""Sync by signed, encrypted bundles: keys, the bundle format, export, import and merge, receipts, purge.

Offender data leaves a laptop only inside a bundle (docs/bundle-format.md): a ZIP whose manifest is signed
with the sender's Ed25519 key and whose payload is encrypted with a fresh AES-256-GCM key wrapped with HPKE
(RFC 9180) for each recipient. Every import verifies before it changes anything, in a fixed order, and then
applies in one transaction.
"""
