"""Dichtbij: platform for regional youth care (jeugdhulp) in the Netherlands."""
