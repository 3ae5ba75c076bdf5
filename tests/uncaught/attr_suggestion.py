# An uncaught AttributeError for a misspelt attribute: the traceback suggests the
# attribute dir() of the object lists that is close.
class Account:
    def __init__(self):
        self.balance = 10


acct = Account()
print(acct.balanse)
