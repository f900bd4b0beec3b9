package dev.j8s.api.patch;

import static dev.j8s.api.patch.TestJson.deployment;
import static dev.j8s.api.patch.TestJson.json;
import static dev.j8s.api.patch.TestJson.podSpecPatch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Patches as kubectl sends them, applied the way kube-apiserver applies them. */
class StrategicMergePatchTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("kubectlPatches")
    void appliesWhatKubectlSends(String name, Class<?> type, String original, String patch, String expected) {
        JsonNode result = StrategicMergePatch.apply(json(original), json(patch), type);

        assertThat(result).isEqualTo(json(expected));
    }

    static Stream<Arguments> kubectlPatches() {
        return Stream.of(
                Arguments.of("kubectl scale sets spec.replicas", Deployment.class,
                        deployment("[{'name':'a','image':'x'}]"),
                        "{'spec':{'replicas':3}}",
                        "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},"
                                + "'spec':{'replicas':3,'template':{'spec':{'containers':[{'name':'a','image':'x'}]}}}}"),
                Arguments.of("kubectl label merges into metadata.labels", Deployment.class,
                        "{'metadata':{'name':'web','labels':{'app':'web'}}}",
                        "{'metadata':{'labels':{'env':'prod'}}}",
                        "{'metadata':{'name':'web','labels':{'app':'web','env':'prod'}}}"),
                Arguments.of("kubectl label app- deletes with null", Deployment.class,
                        "{'metadata':{'name':'web','labels':{'app':'web','env':'prod'}}}",
                        "{'metadata':{'labels':{'app':null}}}",
                        "{'metadata':{'name':'web','labels':{'env':'prod'}}}"),
                Arguments.of("kubectl annotate adds the first annotation", Deployment.class,
                        "{'metadata':{'name':'web'}}",
                        "{'metadata':{'annotations':{'note':'hi'}}}",
                        "{'metadata':{'name':'web','annotations':{'note':'hi'}}}"),
                Arguments.of("kubectl set image merges containers by name", Deployment.class,
                        deployment("[{'name':'a','image':'x:1'},{'name':'b','image':'y:1'}]"),
                        podSpecPatch("'containers':[{'name':'b','image':'y:2'}]"),
                        deployment("[{'name':'a','image':'x:1'},{'name':'b','image':'y:2'}]")),
                Arguments.of("kubectl apply removes a container", Deployment.class,
                        deployment("[{'name':'a','image':'x'},{'name':'b','image':'y'},{'name':'c','image':'z'}]"),
                        podSpecPatch("'$setElementOrder/containers':[{'name':'a'},{'name':'c'}],"
                                + "'containers':[{'$patch':'delete','name':'b'}]"),
                        deployment("[{'name':'a','image':'x'},{'name':'c','image':'z'}]")),
                Arguments.of("kubectl apply adds a container at its place in the file", Deployment.class,
                        deployment("[{'name':'a','image':'x'},{'name':'c','image':'z'}]"),
                        podSpecPatch("'$setElementOrder/containers':[{'name':'a'},{'name':'b'},{'name':'c'}],"
                                + "'containers':[{'name':'b','image':'y'}]"),
                        deployment("[{'name':'a','image':'x'},{'name':'b','image':'y'},{'name':'c','image':'z'}]")),
                Arguments.of("a patch without order puts new containers first", Deployment.class,
                        deployment("[{'name':'a','image':'x'}]"),
                        podSpecPatch("'containers':[{'name':'new','image':'n'}]"),
                        deployment("[{'name':'new','image':'n'},{'name':'a','image':'x'}]")),
                Arguments.of("$setElementOrder alone reorders", Deployment.class,
                        deployment("[{'name':'a','image':'x'},{'name':'b','image':'y'}]"),
                        podSpecPatch("'$setElementOrder/containers':[{'name':'b'},{'name':'a'}]"),
                        deployment("[{'name':'b','image':'y'},{'name':'a','image':'x'}]")),
                Arguments.of("a server-only container keeps its place", Deployment.class,
                        deployment("[{'name':'a','image':'x'},{'name':'sidecar','image':'s'},{'name':'b','image':'y'}]"),
                        podSpecPatch("'$setElementOrder/containers':[{'name':'a'},{'name':'b'}],"
                                + "'containers':[{'name':'b','image':'y:2'}]"),
                        deployment("[{'name':'a','image':'x'},{'name':'sidecar','image':'s'},{'name':'b','image':'y:2'}]")),
                Arguments.of("a new container takes the slot of a deleted one, after a server-only one", Deployment.class,
                        deployment("[{'name':'a'},{'name':'b'},{'name':'s'}]"),
                        podSpecPatch("'$setElementOrder/containers':[{'name':'b'},{'name':'c'}],"
                                + "'containers':[{'name':'c'},{'$patch':'delete','name':'a'}]"),
                        deployment("[{'name':'b'},{'name':'s'},{'name':'c'}]")),
                Arguments.of("kubectl apply removes an env var", Deployment.class,
                        deployment("[{'name':'a','env':[{'name':'X','value':'1'},{'name':'Y','value':'2'}]}]"),
                        podSpecPatch("'$setElementOrder/containers':[{'name':'a'}],'containers':[{'name':'a',"
                                + "'$setElementOrder/env':[{'name':'X'}],'env':[{'$patch':'delete','name':'Y'}]}]"),
                        deployment("[{'name':'a','env':[{'name':'X','value':'1'}]}]")),
                Arguments.of("kubectl set env changes one var and keeps valueFrom of another", Deployment.class,
                        deployment("[{'name':'a','env':[{'name':'X','value':'1'},"
                                + "{'name':'Y','valueFrom':{'fieldRef':{'fieldPath':'metadata.name'}}}]}]"),
                        podSpecPatch("'containers':[{'name':'a','env':[{'name':'X','value':'9'}]}]"),
                        deployment("[{'name':'a','env':[{'name':'X','value':'9'},"
                                + "{'name':'Y','valueFrom':{'fieldRef':{'fieldPath':'metadata.name'}}}]}]")),
                Arguments.of("container ports merge by containerPort", Deployment.class,
                        deployment("[{'name':'a','ports':[{'containerPort':80,'protocol':'TCP'},{'containerPort':443}]}]"),
                        podSpecPatch("'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'}]}]"),
                        deployment("[{'name':'a','ports':[{'containerPort':80,'protocol':'TCP','name':'http'},"
                                + "{'containerPort':443}]}]")),
                Arguments.of("volumeMounts merge by mountPath", Deployment.class,
                        deployment("[{'name':'a','volumeMounts':[{'name':'v','mountPath':'/data'}]}]"),
                        podSpecPatch("'containers':[{'name':'a','volumeMounts':[{'mountPath':'/data','readOnly':true}]}]"),
                        deployment("[{'name':'a','volumeMounts':[{'name':'v','mountPath':'/data','readOnly':true}]}]")),
                Arguments.of("$retainKeys drops rollingUpdate when switching to Recreate", Deployment.class,
                        "{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%','maxUnavailable':'25%'}}}}",
                        "{'spec':{'strategy':{'$retainKeys':['type'],'rollingUpdate':null,'type':'Recreate'}}}",
                        "{'spec':{'strategy':{'type':'Recreate'}}}"),
                Arguments.of("$retainKeys on a volume switching emptyDir to configMap", Deployment.class,
                        "{'spec':{'template':{'spec':{'volumes':[{'name':'v','emptyDir':{}},{'name':'w','emptyDir':{}}]}}}}",
                        podSpecPatch("'$setElementOrder/volumes':[{'name':'v'},{'name':'w'}],"
                                + "'volumes':[{'$retainKeys':['configMap','name'],'configMap':{'name':'cm'},'name':'v'}]"),
                        "{'spec':{'template':{'spec':{'volumes':[{'name':'v','configMap':{'name':'cm'}},{'name':'w','emptyDir':{}}]}}}}"),
                Arguments.of("$deleteFromPrimitiveList removes a finalizer", Deployment.class,
                        "{'metadata':{'finalizers':['a','b','c']}}",
                        "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b']}}",
                        "{'metadata':{'finalizers':['a','c']}}"),
                Arguments.of("kubectl apply replaces one finalizer by another", Deployment.class,
                        "{'metadata':{'finalizers':['a','b']}}",
                        "{'metadata':{'$setElementOrder/finalizers':['a','d'],'$deleteFromPrimitiveList/finalizers':['b'],"
                                + "'finalizers':['d']}}",
                        "{'metadata':{'finalizers':['a','d']}}"),
                Arguments.of("finalizers merge as a set", Deployment.class,
                        "{'metadata':{'finalizers':['a','b']}}",
                        "{'metadata':{'finalizers':['b','x']}}",
                        "{'metadata':{'finalizers':['a','b','x']}}"),
                Arguments.of("ownerReferences merge by uid", Deployment.class,
                        "{'metadata':{'ownerReferences':[{'uid':'1','name':'p'},{'uid':'2','name':'q'}]}}",
                        "{'metadata':{'ownerReferences':[{'uid':'2','controller':true}]}}",
                        "{'metadata':{'ownerReferences':[{'uid':'1','name':'p'},{'uid':'2','name':'q','controller':true}]}}"),
                Arguments.of("imagePullSecrets merge by name", Deployment.class,
                        podSpecPatch("'imagePullSecrets':[{'name':'a'}]"),
                        podSpecPatch("'imagePullSecrets':[{'name':'b'}]"),
                        podSpecPatch("'imagePullSecrets':[{'name':'b'},{'name':'a'}]")),
                Arguments.of("tolerations are atomic: replaced", Deployment.class,
                        podSpecPatch("'tolerations':[{'key':'a','operator':'Exists'}]"),
                        podSpecPatch("'tolerations':[{'key':'b','operator':'Exists'}]"),
                        podSpecPatch("'tolerations':[{'key':'b','operator':'Exists'}]")),
                Arguments.of("container args are atomic: replaced", Deployment.class,
                        deployment("[{'name':'a','args':['x','y']}]"),
                        podSpecPatch("'containers':[{'name':'a','args':['z']}]"),
                        deployment("[{'name':'a','args':['z']}]")),
                Arguments.of("$patch: replace on a list", Deployment.class,
                        deployment("[{'name':'a','image':'x'},{'name':'b','image':'y'}]"),
                        podSpecPatch("'containers':[{'name':'only','image':'o'},{'$patch':'replace'}]"),
                        deployment("[{'name':'only','image':'o'}]")),
                Arguments.of("$patch: replace on a map", Deployment.class,
                        "{'metadata':{'labels':{'a':'1','b':'2'}}}",
                        "{'metadata':{'labels':{'$patch':'replace','c':'3'}}}",
                        "{'metadata':{'labels':{'c':'3'}}}"),
                Arguments.of("$patch: delete on a map leaves it empty", Deployment.class,
                        podSpecPatch("'securityContext':{'runAsUser':1000}"),
                        podSpecPatch("'securityContext':{'$patch':'delete'}"),
                        podSpecPatch("'securityContext':{}")),
                Arguments.of("null deletes a nested field", Deployment.class,
                        podSpecPatch("'nodeSelector':{'disk':'ssd'},'hostNetwork':true"),
                        podSpecPatch("'nodeSelector':null"),
                        podSpecPatch("'hostNetwork':true")),
                Arguments.of("a new subtree is adopted without nulls and directives", Deployment.class,
                        podSpecPatch("'hostNetwork':true"),
                        podSpecPatch("'affinity':{'nodeAffinity':null,'podAffinity':{'$setElementOrder/x':[],"
                                + "'requiredDuringSchedulingIgnoredDuringExecution':[{'topologyKey':'k'},{'$patch':'delete'}]}}"),
                        podSpecPatch("'hostNetwork':true,'affinity':{'podAffinity':"
                                + "{'requiredDuringSchedulingIgnoredDuringExecution':[{'topologyKey':'k'}]}}")),
                Arguments.of("a value of another kind replaces", Deployment.class,
                        "{'spec':{'replicas':1}}",
                        "{'spec':{'replicas':{'odd':null,'even':2}}}",
                        "{'spec':{'replicas':{'even':2}}}"),
                Arguments.of("Service ports merge by port", Service.class,
                        "{'spec':{'ports':[{'name':'http','port':80,'targetPort':8080},{'name':'https','port':443}]}}",
                        "{'spec':{'ports':[{'port':443,'targetPort':8443}]}}",
                        "{'spec':{'ports':[{'name':'http','port':80,'targetPort':8080},"
                                + "{'name':'https','port':443,'targetPort':8443}]}}"),
                Arguments.of("kubectl apply removes a Service port", Service.class,
                        "{'spec':{'ports':[{'name':'http','port':80},{'name':'https','port':443}]}}",
                        "{'spec':{'$setElementOrder/ports':[{'port':443}],'ports':[{'$patch':'delete','port':80}]}}",
                        "{'spec':{'ports':[{'name':'https','port':443}]}}"),
                Arguments.of("Pod status conditions merge by type", Pod.class,
                        "{'status':{'conditions':[{'type':'Ready','status':'False'},{'type':'PodScheduled','status':'True'}]}}",
                        "{'status':{'conditions':[{'type':'Ready','status':'True'}]}}",
                        "{'status':{'conditions':[{'type':'Ready','status':'True'},{'type':'PodScheduled','status':'True'}]}}"),
                Arguments.of("ConfigMap data merges as a map", ConfigMap.class,
                        "{'data':{'a':'1','b':'2'}}",
                        "{'data':{'b':null,'c':'3'}}",
                        "{'data':{'a':'1','c':'3'}}"),
                Arguments.of("PodDisruptionBudget selector has strategy replace", PodDisruptionBudget.class,
                        "{'spec':{'selector':{'matchLabels':{'a':'1'}}}}",
                        "{'spec':{'selector':{'matchLabels':{'b':'2'}}}}",
                        "{'spec':{'selector':{'matchLabels':{'b':'2'}}}}"),
                Arguments.of("$patch: replace at the top replaces the whole object", Deployment.class,
                        "{'metadata':{'name':'web'},'spec':{'replicas':1}}",
                        "{'$patch':'replace','metadata':{'name':'web2'}}",
                        "{'metadata':{'name':'web2'}}"),
                Arguments.of("without a model type lists replace and maps merge", null,
                        "{'spec':{'items':[{'name':'a'},{'name':'b'}],'size':1}}",
                        "{'spec':{'items':[{'name':'b'}],'color':'red'}}",
                        "{'spec':{'items':[{'name':'b'}],'size':1,'color':'red'}}"),
                Arguments.of("an empty original takes the patch", Deployment.class,
                        "{}",
                        "{'spec':{'replicas':2,'paused':null}}",
                        "{'spec':{'replicas':2}}"));
    }

    @Test
    void leavesItsInputsAlone() {
        JsonNode original = json(deployment("[{'name':'a','image':'x'},{'name':'b','image':'y'}]"));
        JsonNode patch = json(podSpecPatch("'containers':[{'$patch':'delete','name':'a'},{'name':'b','image':'z'}]"));
        JsonNode originalCopy = original.deepCopy();
        JsonNode patchCopy = patch.deepCopy();

        StrategicMergePatch.apply(original, patch, Deployment.class);

        assertThat(original).isEqualTo(originalCopy);
        assertThat(patch).isEqualTo(patchCopy);
    }

    @Test
    void aNullOriginalIsAnEmptyObject() {
        assertThat(StrategicMergePatch.apply(null, json("{'a':1}"), null)).isEqualTo(json("{'a':1}"));
    }
}
