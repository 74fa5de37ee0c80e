"""The health check a load balancer asks."""
