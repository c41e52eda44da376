"""This year's ledgers of the demo district, 河阳示范区: ``taizhang demo`` loads them."""
