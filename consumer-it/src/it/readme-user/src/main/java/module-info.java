module example.counter {
    requires org.remotestruct;
    requires org.remotestruct.annotations;
    requires static java.compiler; // the generated views' @Generated (source retention)

    provides org.remotestruct.StructType with example.counter.CounterRemoteView.Type;
}
