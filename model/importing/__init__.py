"""Bringing a network in and taking it out: LinkedIn's data export, vCard, CSV (and the JSON archive elsewhere).

Parsers read a file into an `ImportBundle` of neutral records without touching the database; `plan` compares a
bundle with the database for the preview; applying a plan is one transaction, preceded by a backup.
"""
