"""The Label Studio labeling config, generated from the scheme: a style that keeps the text readable,
a Text task, the labels, the relations and a per-region control for each attribute."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from scripts.schema.scheme import Attribute, Scheme

LABELS_CONTROL = "label"  # the <Labels> control's name
TEXT_OBJECT = "text"  # the <Text> object's name
CLAIM_FILL_ALPHA = 0.08  # a claim's faint fill, under the colours of the spans nested in it


def label_config(scheme: Scheme) -> str:
    lines = ["<View>", *_style(scheme), f'  <Labels name="{LABELS_CONTROL}" toName="{TEXT_OBJECT}">']
    for label in scheme.labels:
        lines.append(
            f"    <Label value={quoteattr(label.name)} background={quoteattr(label.color)}"
            f" hotkey={quoteattr(label.hotkey)}/>"
        )
    lines += ["  </Labels>", f'  <Text name="{TEXT_OBJECT}" value="$text"/>', '  <Relations choice="single">']
    lines += [f"    <Relation value={quoteattr(r.name)}/>" for r in scheme.relations]
    lines.append("  </Relations>")
    for attribute in scheme.attributes:
        lines += _attribute_control(attribute)
    lines.append("</View>")
    return "\n".join(lines) + "\n"


def _style(scheme: Scheme) -> list[str]:
    """CSS for Label Studio 1.23's text view. Relation arrows and their type tags run above the
    words they link: tall lines and a top margin put them between lines, not over the words. A
    claim is underlined with a faint fill, so the spans nested in it show their own colour instead
    of a blend of two. The editor escapes `>`, so the selectors use no child combinator."""
    claim = next(label for label in scheme.labels if label.name == scheme.roles.claim)
    red, green, blue = (int(claim.color[i:i + 2], 16) for i in (1, 3, 5))
    rules = [
        ".lsf-richtext__container { line-height: 3.1 !important; padding-top: 24px !important; }",
        f'.htx-highlight[data-label$=":{claim.name}"] {{ '
        f"background-color: rgba({red}, {green}, {blue}, {CLAIM_FILL_ALPHA}) !important; "
        f"border-bottom: 3px solid {claim.color} !important; }}",
    ]
    return ["  <Style>", *(f"    {escape(rule)}" for rule in rules), "  </Style>"]


def _attribute_control(attribute: Attribute) -> list[str]:
    when = f" whenLabelValue={quoteattr(attribute.label)}" if attribute.label else ""
    common = f'name={quoteattr(attribute.name)} toName="{TEXT_OBJECT}" perRegion="true"'
    header = f'  <View visibleWhen="region-selected"{when}>'
    title = f"    <Header value={quoteattr(attribute.name + ': ' + attribute.description)}/>"
    if attribute.type == "choice":
        body = [f'    <Choices {common} choice="single-radio">']
        body += [f"      <Choice value={quoteattr(v)}/>" for v in attribute.values]
        body.append("    </Choices>")
    elif attribute.type == "flag":
        body = [
            f'    <Choices {common} choice="multiple">',
            f"      <Choice value={quoteattr(attribute.name)}/>",
            "    </Choices>",
        ]
    else:
        body = [f'    <TextArea {common} maxSubmissions="1" editable="true"/>']
    return [header, title, *body, "  </View>"]
