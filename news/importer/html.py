"""Old-site HTML to the body blocks of a release, cleaned on the way.

Two steps, each done by a maintained parser rather than regular expressions, which cannot
parse HTML reliably and are the usual source of sanitizer bypasses:

1. nh3 (the Ammonia sanitizer) removes scripts and styles with their content, comments,
   event handlers, inline styles, unsafe URL schemes, and any tag that is not on the list
   below, keeping its text.
2. BeautifulSoup walks what is left and builds the blocks. It writes the rich text itself
   from an even shorter list (paragraphs, bold, italic, links, lists, line breaks), so
   nothing the editor could not have produced reaches the database.
"""

import html as htmllib

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag

from wagtail.rich_text import RichText

HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
CONTAINERS = {"div", "section", "article", "main", "table", "thead", "tbody", "tfoot", "center"}
ROWS = {"tr", "dl"}
BOLD = {"b", "strong"}
ITALIC = {"i", "em"}
SAFE_SCHEMES = {"http", "https", "mailto"}

ALLOWED_TAGS = (
    {"p", "br", "hr", "a", "ul", "ol", "li", "blockquote", "cite", "footer", "figure"}
    | {"figcaption", "img", "tr", "td", "th", "dl", "dt", "dd"}
    | set(HEADINGS)
    | CONTAINERS
    | BOLD
    | ITALIC
)
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}}


def clean_html(source):
    """The sanitised HTML of an old-site body (still HTML, not yet blocks)."""
    return nh3.clean(
        source or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=SAFE_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def plain_text(source):
    """Text without any markup, for titles, leads, captions and names."""
    text = htmllib.unescape(nh3.clean(source or "", tags=set()))
    return " ".join(text.split())


def _is_safe_href(href):
    scheme = href.split(":", 1)[0].lower() if ":" in href else ""
    return scheme in SAFE_SCHEMES


class BodyBuilder:
    """Collects blocks while walking the cleaned tree.

    `image_for(src, caption)` returns the value to store for an <img> (a NewsImage, or
    None when the image cannot be used and the caller has recorded why).
    """

    def __init__(self, image_for):
        self.image_for = image_for
        self.blocks = []
        self.rich = []  # block-level rich text waiting to become one paragraph block
        self.inline = []  # inline HTML waiting to become a <p>
        self.pending_images = []  # images met inside text, placed after it

    # Output

    def flush_inline(self):
        content = "".join(self.inline).strip()
        self.inline = []
        if content and content != "<br/>":
            self.rich.append(f"<p>{content}</p>")
        self.flush_images()

    def flush_rich(self):
        self.flush_inline()
        if self.rich:
            self.blocks.append(("paragraph", RichText("".join(self.rich))))
            self.rich = []

    def flush_images(self):
        if not self.pending_images:
            return
        images, self.pending_images = self.pending_images, []
        if self.rich:
            self.blocks.append(("paragraph", RichText("".join(self.rich))))
            self.rich = []
        for src, caption in images:
            self.add_image(src, caption)

    def add_image(self, src, caption):
        if not src:
            return
        image = self.image_for(src, caption)
        if image is not None:
            self.blocks.append(("image", {"image": image, "caption": caption[:300]}))

    # Walking

    def walk(self, node):
        for child in node.children:
            if isinstance(child, NavigableString):
                if child.strip() or self.inline:
                    self.inline.append(htmllib.escape(str(child), quote=False))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "p":
                self.flush_inline()
                self.inline.append(self.inline_html(child))
                self.flush_inline()
            elif name in ("ul", "ol"):
                self.flush_inline()
                items = [item for item in self.list_items(child) if item]
                if items:
                    self.rich.append(f"<{name}>{''.join(items)}</{name}>")
                self.flush_images()
            elif name in HEADINGS:
                self.flush_rich()
                text = plain_text(child.get_text(" "))[:200]
                if text:
                    self.blocks.append(("heading", {"text": text, "level": HEADINGS[name]}))
            elif name == "blockquote":
                self.flush_rich()
                self.quote(child)
            elif name == "figure":
                self.flush_rich()
                image = child.find("img")
                caption = child.find("figcaption")
                caption_text = plain_text(caption.get_text(" ")) if caption else ""
                if image is not None:
                    self.add_image(image.get("src", ""), caption_text or image.get("alt", ""))
            elif name == "img":
                self.flush_rich()
                self.add_image(child.get("src", ""), plain_text(child.get("alt", "")))
            elif name in ROWS:
                self.flush_inline()
                cells = [
                    plain_text(cell.get_text(" "))
                    for cell in child.find_all(["td", "th", "dt", "dd"])
                ]
                text = " — ".join(cell for cell in cells if cell)
                if text:
                    self.rich.append(f"<p>{htmllib.escape(text, quote=False)}</p>")
            elif name in CONTAINERS or name in ("li", "figcaption", "footer", "cite", "td", "th"):
                self.flush_inline()
                self.walk(child)
                self.flush_inline()
            elif name == "hr":
                self.flush_inline()
            else:
                self.inline.append(self.inline_html(child, wrap=True))

    def inline_html(self, node, wrap=False):
        """Rich text for the inside of a paragraph; images found are set aside."""
        parts = []
        children = [node] if wrap else node.children
        for child in children:
            if isinstance(child, NavigableString):
                parts.append(htmllib.escape(str(child), quote=False))
            elif isinstance(child, Tag):
                name = child.name
                if name == "br":
                    parts.append("<br/>")
                elif name == "img":
                    self.pending_images.append(
                        (child.get("src", ""), plain_text(child.get("alt", "")))
                    )
                elif name in BOLD or name in ITALIC:
                    inner = self.inline_html(child)
                    tag = "b" if name in BOLD else "i"
                    if inner.strip():
                        parts.append(f"<{tag}>{inner}</{tag}>")
                elif name == "a":
                    inner = self.inline_html(child)
                    href = child.get("href", "").strip()
                    if href and _is_safe_href(href) and inner.strip():
                        parts.append(f'<a href="{htmllib.escape(href)}">{inner}</a>')
                    else:
                        parts.append(inner)
                else:
                    # Anything else inside text (spans, fonts, cells) keeps only its text.
                    parts.append(self.inline_html(child))
        return "".join(parts)

    def list_items(self, node):
        items = []
        for child in node.find_all("li", recursive=False) or node.find_all("li"):
            nested = [n.extract() for n in child.find_all(["ul", "ol"])]
            text = self.inline_html(child).strip()
            if text:
                items.append(f"<li>{text}</li>")
            for sub in nested:
                # Wagtail's list feature has no nesting: nested items join the list.
                items.extend(self.list_items(sub))
        return items

    def quote(self, node):
        speaker_node = node.find("cite") or node.find("footer")
        speaker = ""
        if speaker_node is not None:
            speaker = plain_text(speaker_node.get_text(" ")).lstrip("—–- ").strip()
            speaker_node.extract()
        text = plain_text(node.get_text(" "))
        if not text:
            return
        if not speaker:
            # The quote block needs a speaker; an unattributed quotation stays running text.
            self.rich.append(f"<p>{htmllib.escape(text, quote=False)}</p>")
            self.flush_rich()
            return
        name, _sep, role = speaker.partition(",")
        self.blocks.append(
            ("quote", {"text": text, "speaker": name.strip()[:200], "role": role.strip()[:300]})
        )


def html_to_blocks(source, image_for=lambda src, caption: None):
    """StreamField data (a list of (block type, value)) for an old-site body."""
    builder = BodyBuilder(image_for)
    builder.walk(BeautifulSoup(clean_html(source), "html.parser"))
    builder.flush_rich()
    return builder.blocks
