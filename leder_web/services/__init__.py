"""Every query and business rule. Views call these functions and never touch models directly."""
