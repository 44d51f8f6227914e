# SPDX-License-Identifier: GPL-2.0
#
# vfprov + vfctl
#
#   make                 build vfprov.ko (against KDIR) and vfctl
#   make check [T=WORD] [K=6.1|6.12]
#                        deps, build, host tests (unit, compat, dkms) and
#                        VM tests on every supported kernel installed (or K);
#                        ends with "N passed, N failed"
#   make check-debug [T=WORD]
#                        the VM suite on a cached debug kernel (KASAN,
#                        lockdep, kmemleak, UBSAN, DEBUG_ATOMIC_SLEEP)
#   make unit            host unit tests only (ASan/UBSan)
#   make gen             regenerate the netlink uapi header and policies
#                        from Documentation/netlink/specs/vfprov.yaml
#   make demo [K=...]    boot the test guest and show the main job working
#   make bench           benchmarks: figures and ratios, no pass/fail
#   make vm-shell        boot the test guest with a shell on the console
#   make deps            install the Debian packages the above need
#   make install         install vfprov.ko (running kernel) and vfctl
#   make dkms-install / dkms-remove

TOP	:= $(CURDIR)
K	?=
KVER	?= $(shell $(TOP)/scripts/kver.sh $(K))
KDIR	?= $(firstword $(wildcard /usr/src/linux-headers-$(KVER) /lib/modules/$(KVER)/build))
# A kernel whose headers are only in the trixie chroot (7.2: gcc-14 and
# trixie's glibc) is built there, by scripts/kchroot.sh.
KROOT	:= $(or $(VFPROV_CACHE),$(TOP)/.cache)/trixie
ifeq ($(KDIR),)
KDIR	:= $(if $(wildcard $(KROOT)/usr/src/linux-headers-$(KVER)),/usr/src/linux-headers-$(KVER))
KRUN	:= $(if $(KDIR),$(TOP)/scripts/kchroot.sh run)
endif
BUILD	:= $(TOP)/build/$(KVER)
T	?=

# Kbuild writes its objects next to the sources, so every kernel release
# gets its own copy of the module sources under build/ (the tree stays clean
# and several releases can be built side by side).
KSRC	:= Kbuild kmod selftests/atsm_sim selftests/vfstub selftests/xe_sim

all: modules vfctl

modules:
	@test -n "$(KDIR)" || { echo "no kernel headers for '$(KVER)': make deps" >&2; exit 1; }
	@mkdir -p $(BUILD)/src
	@cp -a --parents $(wildcard $(KSRC)) $(BUILD)/src/
	$(KRUN) $(MAKE) -C $(KDIR) M=$(BUILD)/src W=1 VFPROV_SIM=1 modules

vfctl:
	@if [ -f userspace/Makefile ]; then $(MAKE) -C userspace; fi

selftests:
	$(MAKE) -C selftests OUT=$(BUILD)

unit:
	@scripts/unit.sh

# The kernel's ynl-gen-c from linux-source-6.12 (make deps); the host test
# ynl_generated_files_match_spec (make unit) fails until this is run.
gen:
	scripts/ynl-gen.sh

check: deps
	@scripts/check.sh "$(K)" "$(T)"

check-debug: deps
	@scripts/deps.sh debug
	@scripts/check-debug.sh "$(T)"

demo: deps all selftests
	@selftests/vm/run.sh $(KVER) $(BUILD) demo

# Planner bench on the host (its output is shipped into the guest for the
# summary), then the VM in bench mode. Fails only when a measurement fails
# (the guest prints "# bench: ok" otherwise), never on a missed target.
# BENCH_REPS=R repetitions per figure (default 5).
BENCH_REPS ?= 5
bench: deps all selftests
	@mkdir -p $(BUILD)/bench
	$(MAKE) -s -C bench planner OUT=$(TOP)/build/bench > $(BUILD)/bench/planner.txt
	@cat $(BUILD)/bench/planner.txt
	$(MAKE) -C bench guest OUT=$(BUILD)/bench
	VFPROV_VM_TIMEOUT=$${VFPROV_VM_TIMEOUT:-3600} \
	VFPROV_VM_APPEND="no_timer_check vfprov.reps=$(BENCH_REPS) $${VFPROV_VM_APPEND:-}" \
		selftests/vm/run.sh $(KVER) $(BUILD) bench
	@grep -q '^# bench: ok' $(BUILD)/vm/tap.log || \
		{ echo "bench: a measurement failed (see above and $(BUILD)/vm/)" >&2; exit 1; }

vm-shell: all selftests
	@selftests/vm/run.sh $(KVER) $(BUILD) shell

deps:
	@scripts/deps.sh

VERSION	:= $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' $(TOP)/dkms.conf)
DKMS_SRC ?= /usr/src/vfprov-$(VERSION)

# The DKMS source tree: only what builds the product module.
dkms-src:
	rm -rf $(DKMS_SRC)
	mkdir -p $(DKMS_SRC)
	cp -r Kbuild dkms.conf $(DKMS_SRC)/
	mkdir -p $(DKMS_SRC)/kmod
	cd kmod && cp -r --parents $$(git ls-files . 2>/dev/null || find . -name '*.[ch]' -o -name Kbuild) $(DKMS_SRC)/kmod/

dkms-install: dkms-src
	dkms add -m vfprov -v $(VERSION)
	dkms build -m vfprov -v $(VERSION)
	dkms install -m vfprov -v $(VERSION)

dkms-remove:
	-dkms remove -m vfprov -v $(VERSION) --all
	rm -rf $(DKMS_SRC)

install: modules-host vfctl
	$(MAKE) -C $(KDIR) M=$(TOP) modules_install
	depmod -a $(KVER)
	@if [ -f userspace/Makefile ]; then $(MAKE) -C userspace install; fi

modules-host:
	$(MAKE) -C $(KDIR) M=$(TOP) modules

clean:
	rm -rf build
	@if [ -f userspace/Makefile ]; then $(MAKE) -C userspace clean; fi

.PHONY: all modules vfctl selftests unit gen check check-debug demo bench vm-shell deps \
	install modules-host dkms-src dkms-install dkms-remove clean
