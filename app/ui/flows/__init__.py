"""What pages do in several steps: long jobs and their outcomes, kept out of the layout."""
