"""SMS PUSH (seed §5.8.5): the CMPP 2.0 codec, the gateway interface and a gateway simulator."""
