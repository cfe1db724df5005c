print("icelens-loggen")
