print("icelens")
