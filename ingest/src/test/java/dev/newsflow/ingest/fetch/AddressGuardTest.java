package dev.newsflow.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.1.2.3",
                "10.0.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.127.255.255",
                "0.0.0.0",
                "224.0.0.1",
                "255.255.255.255",
                "192.0.2.1",
                "198.18.0.1",
                "::1",
                "::",
                "fc00::1",
                "fd12:3456::1",
                "fe80::1",
                "ff02::1",
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1",
                "64:ff9b::a9fe:a9fe",
                "2002:7f00:1::1",
                "2001:db8::1"
            })
    void shouldRefuseNonPublicAddresses(String ip) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(ip);

        assertThat(AddressGuard.isPublic(address)).as(ip).isFalse();
        assertThat(new AddressGuard(false).allowed(address)).as(ip).isFalse();
        assertThat(new AddressGuard(true).allowed(address)).as(ip).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "93.184.216.34",
                "100.63.255.255",
                "100.128.0.1",
                "172.32.0.1",
                "2606:4700:4700::1111",
                "::ffff:8.8.8.8"
            })
    void shouldAllowPublicAddresses(String ip) throws UnknownHostException {
        assertThat(new AddressGuard(false).allowed(InetAddress.getByName(ip))).as(ip).isTrue();
    }
}
