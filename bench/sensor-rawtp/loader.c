#include <bpf/libbpf.h>
#include <bpf/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <signal.h>
static volatile int stop;
static void on_sig(int s){(void)s;stop=1;}
int main(int argc,char**argv){
  if(argc<3){fprintf(stderr,"usage\n");return 2;}
  struct bpf_object*obj=bpf_object__open_file(argv[1],NULL);
  if(!obj){perror("open");return 1;}
  struct bpf_map*ro=bpf_object__find_map_by_name(obj,".rodata");
  unsigned int ns=strtoul(argv[2],0,10);
  if(ro){ size_t sz; void*d=(void*)bpf_map__initial_value(ro,&sz); if(d) *(unsigned int*)d=ns; }
  if(bpf_object__load(obj)){fprintf(stderr,"load failed\n");return 1;}
  struct bpf_program*p=bpf_object__find_program_by_name(obj,"count_sys_enter");
  struct bpf_link*l=bpf_program__attach(p);
  if(!l){fprintf(stderr,"attach failed\n");return 1;}
  signal(SIGINT,on_sig);signal(SIGTERM,on_sig);
  fprintf(stderr,"attached\n");
  while(!stop) pause();
  int fd=bpf_map__fd(bpf_object__find_map_by_name(obj,"counts"));
  int ncpu=libbpf_num_possible_cpus();
  unsigned long long*v=calloc(ncpu,8);unsigned long long total=0;
  for(unsigned int k=0;k<1024;k++){ if(bpf_map_lookup_elem(fd,&k,v))continue; unsigned long long s=0; for(int c=0;c<ncpu;c++)s+=v[c]; if(s){printf("%u %llu\n",k,s);total+=s;} }
  fprintf(stderr,"total %llu\n",total);
  return 0;
}
