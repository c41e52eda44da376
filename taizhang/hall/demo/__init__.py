"""The service catalogue and centres of the demo district, 河阳示范区: ``taizhang demo`` loads
them."""
