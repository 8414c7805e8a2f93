"""Translation model packages (Argos Translate format): find, install, download, remove.

The modules import one another one way, each from those above it::

    installed    installed packages: where they live, list, find the one for a pair
    archives     zip safety (names, links, bombs) and reproducible package zips
    download     HTTP(S) downloads with progress
    install      validate an .argosmodel, swap it in; remove; recover killed runs
    argos_index  the Argos package index, and installing from it
    opus_mt      OPUS-MT (Marian) releases converted into packages (Kazakh)
    pairs        where a pair's package comes from: the index, else OPUS-MT

This package's ``__init__`` imports nothing, so ``polyglot.models.installed``
(what the engines need) loads without the install and download code.
"""
