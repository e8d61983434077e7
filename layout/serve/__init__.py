"""The live proof: a long-running process that rebuilds a page as its inputs are saved.

inputs   which files a page spec reads (to watch them)
session  the warm builds, their proofs and status, one build number after another
watch    the file watcher: bursts of saves become one rebuild
app      the local web page and its endpoints (a fixed route table, read only)
"""
