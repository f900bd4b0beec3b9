package dev.j8s.api.table;

import static dev.j8s.api.table.TestObjects.cells;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigAndStoragePrintersTest {

    private static final String META = "'metadata':{'name':'x','creationTimestamp':'${-90s}'}";
    private static final String DELETING = "'metadata':{'name':'x','creationTimestamp':'${-90s}','deletionTimestamp':'${-1s}'}";

    static Stream<Arguments> objects() {
        return Stream.of(
                Arguments.of("namespace", ConfigPrinters.namespaces(), "{" + META + ",'status':{'phase':'Active'}}",
                        List.of("x", "Active", "90s")),
                Arguments.of("terminating namespace", ConfigPrinters.namespaces(),
                        "{" + DELETING + ",'status':{'phase':'Terminating'}}", List.of("x", "Terminating", "90s")),
                Arguments.of("config map", ConfigPrinters.configMaps(),
                        "{" + META + ",'data':{'a':'1','b':'2'},'binaryData':{'c':'AA=='}}", List.of("x", 3L, "90s")),
                Arguments.of("empty config map", ConfigPrinters.configMaps(), "{" + META + "}", List.of("x", 0L, "90s")),
                Arguments.of("secret", ConfigPrinters.secrets(),
                        "{" + META + ",'type':'kubernetes.io/tls','data':{'tls.crt':'AA==','tls.key':'AA=='}}",
                        List.of("x", "kubernetes.io/tls", 2L, "90s")),
                Arguments.of("service account", ConfigPrinters.serviceAccounts(), "{" + META + "}", List.of("x", 0L, "90s")),
                Arguments.of("service account with secret", ConfigPrinters.serviceAccounts(),
                        "{" + META + ",'secrets':[{'name':'x-token'}]}", List.of("x", 1L, "90s")),
                Arguments.of("resource quota", ConfigPrinters.resourceQuotas(), "{" + META + ",'status':{"
                                + "'hard':{'requests.cpu':'2','pods':'10','limits.memory':'2Gi','limits.cpu':'4'},"
                                + "'used':{'requests.cpu':'500m','pods':'3','limits.cpu':'1'}}}",
                        List.of("x", "pods: 3/10, requests.cpu: 500m/2", "limits.cpu: 1/4, limits.memory: 0/2Gi", "90s")),
                Arguments.of("lease", ConfigPrinters.leases(),
                        "{" + META + ",'spec':{'holderIdentity':'node-1','leaseDurationSeconds':40}}",
                        List.of("x", "node-1", "90s")),
                Arguments.of("free lease", ConfigPrinters.leases(), "{" + META + ",'spec':{}}", List.of("x", "", "90s")),
                Arguments.of("priority class", ConfigPrinters.priorityClasses(),
                        "{" + META + ",'value':1000000,'globalDefault':false,'preemptionPolicy':'PreemptLowerPriority'}",
                        List.of("x", 1000000L, false, "90s", "PreemptLowerPriority")),
                Arguments.of("bound persistent volume", StoragePrinters.persistentVolumes(), "{" + META + ",'spec':{"
                                + "'capacity':{'storage':'10Gi'},'accessModes':['ReadWriteMany','ReadWriteOnce','ReadWriteOnce'],"
                                + "'persistentVolumeReclaimPolicy':'Retain','storageClassName':'local',"
                                + "'claimRef':{'namespace':'default','name':'data'},'volumeMode':'Filesystem'},"
                                + "'status':{'phase':'Bound'}}",
                        List.of("x", "10Gi", "RWO,RWX", "Retain", "Bound", "default/data", "local", "<unset>", "", "90s",
                                "Filesystem")),
                Arguments.of("released volume being deleted", StoragePrinters.persistentVolumes(), "{" + DELETING
                                + ",'spec':{'capacity':{'storage':'1Gi'},'accessModes':['ReadWriteOncePod'],"
                                + "'persistentVolumeReclaimPolicy':'Delete'},"
                                + "'status':{'phase':'Failed','reason':'VolumeFailedDelete'}}",
                        List.of("x", "1Gi", "RWOP", "Delete", "Terminating", "", "", "<unset>", "VolumeFailedDelete",
                                "90s", "<unset>")),
                Arguments.of("bound claim", StoragePrinters.persistentVolumeClaims(), "{'metadata':{'name':'x',"
                                + "'creationTimestamp':'${-90s}','annotations':{'volume.beta.kubernetes.io/storage-class':'old'}},"
                                + "'spec':{'volumeName':'pv-1','storageClassName':'new','accessModes':['ReadWriteOnce'],"
                                + "'resources':{'requests':{'storage':'5Gi'}},'volumeMode':'Block',"
                                + "'volumeAttributesClassName':'gold'},"
                                + "'status':{'phase':'Bound','capacity':{'storage':'8Gi'},'accessModes':['ReadWriteOnce']}}",
                        List.of("x", "Bound", "pv-1", "8Gi", "RWO", "old", "gold", "90s", "Block")),
                Arguments.of("pending claim", StoragePrinters.persistentVolumeClaims(), "{" + META + ",'spec':{"
                                + "'storageClassName':'local','accessModes':['ReadWriteOnce'],"
                                + "'resources':{'requests':{'storage':'5Gi'}}},'status':{'phase':'Pending'}}",
                        List.of("x", "Pending", "", "", "", "local", "<unset>", "90s", "<unset>")),
                Arguments.of("default storage class", StoragePrinters.storageClasses(), "{'metadata':{'name':'local',"
                                + "'creationTimestamp':'${-90s}','annotations':{'storageclass.kubernetes.io/is-default-class':'true'}},"
                                + "'provisioner':'j8s.dev/local-path','volumeBindingMode':'WaitForFirstConsumer'}",
                        List.of("local (default)", "j8s.dev/local-path", "Delete", "WaitForFirstConsumer", false, "90s")),
                Arguments.of("storage class", StoragePrinters.storageClasses(), "{" + META + ",'provisioner':'ebs.csi.aws.com',"
                                + "'reclaimPolicy':'Retain','allowVolumeExpansion':true}",
                        List.of("x", "ebs.csi.aws.com", "Retain", "Immediate", true, "90s")),
                Arguments.of("csi driver", StoragePrinters.csiDrivers(), "{" + META + ",'spec':{'attachRequired':false,"
                                + "'podInfoOnMount':true,'volumeLifecycleModes':['Persistent','Ephemeral'],"
                                + "'tokenRequests':[{'audience':'vault'},{'audience':'gcp'}]}}",
                        List.of("x", false, true, false, "vault,gcp", false, "Persistent,Ephemeral", "90s")),
                Arguments.of("csi driver defaults", StoragePrinters.csiDrivers(), "{" + META + ",'spec':{}}",
                        List.of("x", true, false, false, "<unset>", false, "<none>", "90s")),
                Arguments.of("csi node", StoragePrinters.csiNodes(),
                        "{" + META + ",'spec':{'drivers':[{'name':'a','nodeID':'n'}]}}", List.of("x", 1L, "90s")),
                Arguments.of("volume attachment", StoragePrinters.volumeAttachments(), "{" + META + ",'spec':{"
                                + "'attacher':'ebs.csi.aws.com','source':{'persistentVolumeName':'pv-1'},'nodeName':'node-1'},"
                                + "'status':{'attached':true}}",
                        List.of("x", "ebs.csi.aws.com", "pv-1", "node-1", true, "90s")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objects")
    void printsTheCellsKubectlShows(String description, Printer printer, String json, List<Object> expected) {
        assertThat(cells(printer, json)).containsExactlyElementsOf(expected);
        assertThat(printer.columns()).hasSize(expected.size());
    }
}
