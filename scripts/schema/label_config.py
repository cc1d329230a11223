"""The Label Studio labeling config, generated from the scheme: a Text task, the labels, the
relations and a per-region control for each attribute."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from scripts.schema.scheme import Attribute, Scheme

LABELS_CONTROL = "label"  # the <Labels> control's name
TEXT_OBJECT = "text"  # the <Text> object's name


def label_config(scheme: Scheme) -> str:
    lines = ["<View>", f'  <Labels name="{LABELS_CONTROL}" toName="{TEXT_OBJECT}">']
    for label in scheme.labels:
        lines.append(
            f"    <Label value={quoteattr(label.name)} background={quoteattr(label.color)}"
            f" hotkey={quoteattr(label.hotkey)}/>"
        )
    lines += ["  </Labels>", f'  <Text name="{TEXT_OBJECT}" value="$text"/>', "  <Relations>"]
    lines += [f"    <Relation value={quoteattr(r.name)}/>" for r in scheme.relations]
    lines.append("  </Relations>")
    for attribute in scheme.attributes:
        lines += _attribute_control(attribute)
    lines.append("</View>")
    return "\n".join(lines) + "\n"


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
