// FramedRPCInProcess
