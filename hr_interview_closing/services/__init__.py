"""Pure Python services: no ORM, no database, importable without Odoo."""
