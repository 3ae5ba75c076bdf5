# A method call split over lines fails at the attribute: the line with its name.
class Query:
    def where(self, **kw):
        return self

    def order(self, key):
        return self


result = (Query()
          .where(a=1)
          .order("b")
          .limit(10))
