"""Case work on applications (办件): the legal status machine, numbering, and the clerk's actions."""
