"""Head office: long list -> stratified, reproducible sample -> allocation of cases to inspectors.

See docs/sampling.md for the procedure, written so that another implementation could reproduce a sample.
"""
