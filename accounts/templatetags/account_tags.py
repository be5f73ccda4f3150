from django import template

register = template.Library()


@register.filter
def in_groups(value: str, size: int = 4) -> str:
    """ "JBSWY3DPEHPK3PXP" as "JBSW Y3DP EHPK 3PXP": easier to copy into an app by hand."""
    value = str(value)
    return " ".join(value[i : i + size] for i in range(0, len(value), size))
