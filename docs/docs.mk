# User documentation installed with the driver.
