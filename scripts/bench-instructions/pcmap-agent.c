// JVMTI agent for scripts/bench-instructions/per-method: writes each compiled method's code range (M addr size
// name), its PC -> inline-stack records (P pc frame@bci... innermost first) and dynamic code such as the
// interpreter and stubs (D addr size name) to the file given as the agent option.
#include <jvmti.h>
#include <jvmticmlr.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
static FILE *out;
static jvmtiEnv *jvmti;
static void mname(jmethodID m, char *buf, size_t n) {
  char *name = NULL, *sig = NULL, *csig = NULL; jclass c;
  if ((*jvmti)->GetMethodName(jvmti, m, &name, &sig, NULL) != JVMTI_ERROR_NONE) { snprintf(buf, n, "?"); return; }
  (*jvmti)->GetMethodDeclaringClass(jvmti, m, &c);
  (*jvmti)->GetClassSignature(jvmti, c, &csig, NULL);
  snprintf(buf, n, "%s.%s", csig ? csig : "?", name);
  (*jvmti)->Deallocate(jvmti, (unsigned char*)name); (*jvmti)->Deallocate(jvmti, (unsigned char*)sig);
  if (csig) (*jvmti)->Deallocate(jvmti, (unsigned char*)csig);
}
static void JNICALL load(jvmtiEnv *j, jmethodID m, jint size, const void *addr, jint nmap,
                         const jvmtiAddrLocationMap *map, const void *info) {
  char buf[1024]; mname(m, buf, sizeof buf);
  fprintf(out, "M %lx %x %s\n", (unsigned long)addr, size, buf);
  for (const jvmtiCompiledMethodLoadRecordHeader *h = info; h; h = h->next) {
    if (h->kind != JVMTI_CMLR_INLINE_INFO) continue;
    const jvmtiCompiledMethodLoadInlineRecord *r = (const void*)h;
    for (int i = 0; i < r->numpcs; i++) {
      PCStackInfo *p = &r->pcinfo[i];
      fprintf(out, "P %lx", (unsigned long)p->pc);
      for (int k = 0; k < p->numstackframes; k++) { mname(p->methods[k], buf, sizeof buf); fprintf(out, " %s@%d", buf, p->bcis[k]); }
      fputc('\n', out);
    }
  }
}
static void JNICALL unload(jvmtiEnv *j, jmethodID m, const void *addr) { fprintf(out, "U %lx\n", (unsigned long)addr); }
static void JNICALL dyn(jvmtiEnv *j, const char *name, const void *addr, jint len) {
  fprintf(out, "D %lx %x %s\n", (unsigned long)addr, len, name);
}
static void JNICALL death(jvmtiEnv *j, JNIEnv *e) { fflush(out); }
JNIEXPORT jint JNICALL Agent_OnLoad(JavaVM *vm, char *opt, void *res) {
  out = fopen(opt ? opt : "/tmp/pcmap.txt", "w");
  (*vm)->GetEnv(vm, (void**)&jvmti, JVMTI_VERSION_1_2);
  jvmtiCapabilities caps; memset(&caps, 0, sizeof caps);
  caps.can_generate_compiled_method_load_events = 1;
  (*jvmti)->AddCapabilities(jvmti, &caps);
  jvmtiEventCallbacks cb; memset(&cb, 0, sizeof cb);
  cb.CompiledMethodLoad = load; cb.CompiledMethodUnload = unload; cb.DynamicCodeGenerated = dyn; cb.VMDeath = death;
  (*jvmti)->SetEventCallbacks(jvmti, &cb, sizeof cb);
  (*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, JVMTI_EVENT_COMPILED_METHOD_LOAD, NULL);
  (*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, JVMTI_EVENT_COMPILED_METHOD_UNLOAD, NULL);
  (*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, JVMTI_EVENT_DYNAMIC_CODE_GENERATED, NULL);
  (*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, JVMTI_EVENT_VM_DEATH, NULL);
  return 0;
}
