"""The live proof: a long-running process that rebuilds a page as its inputs are saved.

inputs      which files a page spec reads (to watch them)
session     the warm builds, their proofs and status, one build number after another
status      what /status.json says: fit, overset, underset, warnings, errors per page
paragraphs  each line of a proof found again in its article, for click-to-source
watch       the file watcher: bursts of saves become one rebuild
app         the local web page and its endpoints (a fixed route table, read only)
live        the commands: serve, build --watch
"""
