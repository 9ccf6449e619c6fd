"""Writes of the card app: issuers and their rules (`issuers`), applications (`applications`)."""
