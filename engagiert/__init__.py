"""engagiert: the platform for municipal engagement networks."""
