"""Data files of the search (concept map, English words, signals, stop words): see README."""
