# SPDX-License-Identifier: GPL-2.0
#
# vfprov + vfctl
#
#   make                 build vfprov.ko (against KDIR) and vfctl
#   make check [T=WORD] [K=6.1|6.12]
#                        deps, build, host unit tests, VM tests; ends with
#                        "N passed, N failed"
#   make unit            host unit tests only (ASan/UBSan)
#   make demo [K=...]    boot the test guest and show the main job working
#   make vm-shell        boot the test guest with a shell on the console
#   make deps            install the Debian packages the above need
#   make install         install vfprov.ko (running kernel) and vfctl
#   make dkms-install / dkms-remove

TOP	:= $(CURDIR)
K	?=
KVER	?= $(shell $(TOP)/scripts/kver.sh $(K))
KDIR	?= $(firstword $(wildcard /usr/src/linux-headers-$(KVER) /lib/modules/$(KVER)/build))
BUILD	:= $(TOP)/build/$(KVER)
T	?=

# Kbuild writes its objects next to the sources, so every kernel release
# gets its own copy of the module sources under build/ (the tree stays clean
# and several releases can be built side by side).
KSRC	:= Kbuild kmod selftests/atsm_sim

all: modules vfctl

modules:
	@test -n "$(KDIR)" || { echo "no kernel headers for '$(KVER)': make deps" >&2; exit 1; }
	@mkdir -p $(BUILD)/src
	@cp -a --parents $(wildcard $(KSRC)) $(BUILD)/src/
	$(MAKE) -C $(KDIR) M=$(BUILD)/src W=1 VFPROV_SIM=1 modules

vfctl:
	@if [ -f userspace/Makefile ]; then $(MAKE) -C userspace; fi

selftests:
	$(MAKE) -C selftests OUT=$(BUILD)

unit:
	@scripts/unit.sh

check: deps
	@scripts/check.sh "$(KVER)" "$(BUILD)" "$(T)"

demo: deps all selftests
	@selftests/vm/run.sh $(KVER) $(BUILD) demo

vm-shell: all selftests
	@selftests/vm/run.sh $(KVER) $(BUILD) shell

deps:
	@scripts/deps.sh

install: modules-host vfctl
	$(MAKE) -C $(KDIR) M=$(TOP) modules_install
	depmod -a $(KVER)
	@if [ -f userspace/Makefile ]; then $(MAKE) -C userspace install; fi

modules-host:
	$(MAKE) -C $(KDIR) M=$(TOP) modules

clean:
	rm -rf build
	@if [ -f userspace/Makefile ]; then $(MAKE) -C userspace clean; fi

.PHONY: all modules vfctl selftests unit check demo vm-shell deps \
	install modules-host clean
