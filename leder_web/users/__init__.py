"""Users: who may use the platform, managed by those with authority over them."""
