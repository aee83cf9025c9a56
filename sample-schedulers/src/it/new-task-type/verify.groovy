// The project compiled; the processor registered both declarations and wrote the route's config stubs.
def classes = new File(basedir, 'target/classes')
def services = new File(classes, 'META-INF/services/io.mml.runtime.tasktype.TaskTypeProvider').text
assert services.contains('com.example.Depth_Estimation_TaskTypeProvider') : services
assert new File(classes, 'META-INF/services/io.mml.runtime.modality.ModalityProvider').text
    .contains('com.example.Depth_Modality_ModalityProvider')
assert new File(classes, 'META-INF/mml/configs/loss/depth/default.yaml').text.contains('weight: 1.0')
assert new File(classes, 'META-INF/mml/configs/metrics/depth/default.yaml').text.contains('names: [rmse]')
assert new File(classes, 'io/mml/registry/modality/Modality_depth.class').exists()
return true
