#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

const volatile __u32 target_mntns = 0;

struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1024);
  __type(key, __u32);
  __type(value, __u64);
} counts SEC(".maps");

SEC("raw_tracepoint/sys_enter")
int count_sys_enter(struct bpf_raw_tracepoint_args *ctx) {
  struct task_struct *task = (struct task_struct *)bpf_get_current_task();
  __u32 inum = BPF_CORE_READ(task, nsproxy, mnt_ns, ns.inum);
  if (inum != target_mntns) return 0;
  __u32 id = (__u32)ctx->args[1];
  __u64 *v = bpf_map_lookup_elem(&counts, &id);
  if (v) *v += 1;
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
