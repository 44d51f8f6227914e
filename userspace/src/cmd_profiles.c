// SPDX-License-Identifier: GPL-2.0
/* vfctl profiles: the profiles and scheduler presets on the search path. */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "json_out.h"
#include "size.h"

static void show_one(const struct profile *p, void *arg)
{
	json_object *arr = arg;

	if (arr) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "name", json_object_new_string(p->name));
		json_object_object_add(o, "type", json_object_new_string(
			p->type == PROFILE_SCHED ? "sched" : "resources"));
		json_object_object_add(o, "description", json_object_new_string(p->description));
		json_object_object_add(o, "path", json_object_new_string(p->path));
		json_object_array_add(arr, o);
		return;
	}
	printf("%-16s  %-9s  %s\n", p->name,
	       p->type == PROFILE_SCHED ? "sched" : "resources", p->description);
}

int cmd_profiles(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct profile_dirs d;
	json_object *arr = NULL;
	int c, i;

	while ((c = getopt_long(argc, argv, "j", opts, NULL)) != -1) {
		if (c != 'j') {
			usage_error("usage: vfctl profiles [--json]");
			return EXIT_USAGE;
		}
		g_opts.json = true;
	}
	profile_dirs_default(&d, g_opts.profile_dir);
	if (g_opts.json)
		arr = json_object_new_array();
	else
		printf("%-16s  %-9s  %s\n", "NAME", "TYPE", "DESCRIPTION");
	profile_list(&d, show_one, arr);
	if (arr) {
		json_object *top = json_object_new_object(), *dirs = json_object_new_array();

		for (i = 0; i < d.n; i++)
			json_object_array_add(dirs, json_object_new_string(d.dir[i]));
		json_object_object_add(top, "schema_version", json_object_new_int(VFCTL_JSON_SCHEMA));
		json_object_object_add(top, "search_path", dirs);
		json_object_object_add(top, "profiles", arr);
		json_print(top, false);
	}
	return EXIT_OK;
}
