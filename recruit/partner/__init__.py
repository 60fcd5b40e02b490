"""Partner-region staff (劳务协作站): the seekers whose hometown lies in their regions."""
