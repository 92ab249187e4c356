"""Layout checks that axe cannot make: where things stand on the rendered page."""

from playwright.sync_api import Locator

#: How far (CSS pixels) a checkbox's or radio button's label may start from the control.
LABEL_GAP_MAX = 24


def assert_label_beside(control: Locator) -> None:
    """The label of a checkbox or radio button starts just right of it, on its line, so a
    reader (and a magnifier user) sees which label belongs to which control.

    Both boxes are measured in one go in the page, so a scroll in between cannot skew them.
    """
    gap, offset = control.evaluate(
        """el => {
          const box = el.getBoundingClientRect();
          const text = el.labels[0].getBoundingClientRect();
          const middle = box.top + box.height / 2;
          const outside = middle < text.top ? text.top - middle
            : middle > text.bottom ? middle - text.bottom : 0;
          return [text.left - box.right, outside];
        }"""
    )
    assert 0 <= gap <= LABEL_GAP_MAX, f"the label starts {gap:.0f}px from its control"
    assert offset == 0, f"the label sits {offset:.0f}px off its control's line"
