// SPDX-License-Identifier: GPL-2.0
/*
 * The XML writer of the libvirt exporters: escaping, nesting, comments;
 * what it writes read back by a real XML parser (python3's expat) with
 * every hostile character intact.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xml_out.h"
#include "vfctl_tap.h"

static char *write_doc(const char *attr, const char *text, int *rc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct xw w;

	xw_init(&w, f);
	xw_start(&w, "domain");
	xw_attr(&w, "type", "kvm");
	xw_comment(&w, "a comment");
	xw_start(&w, "name");
	xw_attr(&w, "v", attr);
	xw_text(&w, text);
	xw_end(&w);
	xw_start(&w, "empty");
	xw_end(&w);
	xw_end(&w);
	*rc = xw_finish(&w);
	fclose(f);
	return buf;
}

int main(void)
{
	static const char nasty[] = "a\"b'c<d>&e&amp;]]>-->";
	char buf[64], path[] = "/tmp/vfctl-xml-XXXXXX", cmd[512];
	struct xw w;
	char *out;
	FILE *f;
	int rc, fd;

	is_str(xml_escape("<a href=\"x\">&'", buf, sizeof(buf)),
	       "&lt;a href=&quot;x&quot;&gt;&amp;&apos;", "every special character escaped");
	is_str(xml_escape("&&&&", buf, 12), "&amp;&amp;", "cut at the buffer, never mid-entity");
	is_str(xml_escape("plain 0x4d", buf, sizeof(buf)), "plain 0x4d", "plain text unchanged");

	out = write_doc("x", "hvm", &rc);
	is_str(out, "<domain type=\"kvm\">\n  <!-- a comment -->\n  <name v=\"x\">hvm</name>\n"
	       "  <empty/>\n</domain>\n", "layout: indented, inline text, empty element");
	free(out);

	out = write_doc(nasty, nasty, &rc);
	ok(!rc && !strstr(out, "<d>") && !strstr(out, "]]>"), "hostile text escaped");
	fd = mkstemp(path);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (f) {
		fputs(out, f);
		fclose(f);
	}
	snprintf(cmd, sizeof(cmd),
		 "/usr/bin/python3 -c 'import sys, xml.etree.ElementTree as E\n"
		 "n = E.parse(sys.argv[1]).getroot().find(\"name\")\n"
		 "want = sys.argv[2]\n"
		 "assert n.get(\"v\") == want and n.text == want, (n.get(\"v\"), n.text)' %s '%s'",
		 path, "a\"b'\\''c<d>&e&amp;]]>-->");
	ok(system(cmd) == 0, "a real XML parser reads attribute and text back unchanged");
	unlink(path);
	free(out);

	f = fopen("/dev/null", "w");
	xw_init(&w, f);
	xw_start(&w, "a");
	xw_comment(&w, "bad -- comment");
	xw_end(&w);
	ok(xw_finish(&w), "a comment holding -- is refused");
	xw_init(&w, f);
	xw_start(&w, "a");
	ok(xw_finish(&w), "an unclosed element is an error");
	xw_init(&w, f);
	xw_end(&w);
	ok(xw_finish(&w), "closing more than was opened is an error");
	xw_init(&w, f);
	xw_start(&w, "a");
	xw_end(&w);
	xw_attr(&w, "k", "v");
	ok(xw_finish(&w), "an attribute after the start tag is an error");
	xw_init(&w, f);
	xw_start(&w, "a");
	xw_text(&w, "t");
	xw_start(&w, "b");
	ok(xw_finish(&w), "mixed content (an element after text) is an error");
	fclose(f);
	return tap_done();
}
