"""The Apprenticeship Levy API 1.0: an employer PAYE scheme's details, levy declarations,
English fractions and employment check."""
