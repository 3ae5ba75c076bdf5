# exit and quit as the site module defines them: a hint when printed, SystemExit when
# called (with the code given); help's hint. (copyright/credits/license texts differ.)
print(repr(exit), repr(quit))
print(help)
for f, args in ((exit, ()), (quit, (3,)), (exit, ("bye",))):
    try:
        f(*args)
    except SystemExit as e:
        print("SystemExit", repr(e.code))
print(callable(copyright), callable(credits), callable(license))
